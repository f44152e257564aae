// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { theme } from '../../client/src/components/theme.ts';
import { contrastRatio } from '../../client/src/components/status-colors.ts';

// The page's colours, read from the shared styles, so a change of palette is checked too.
const vars = Object.fromEntries([...theme.cssText.matchAll(/--wtt-([\w-]+):\s*(#[0-9a-f]{3,6})/gi)].map((m) => [m[1], m[2]]));

describe('colours', () => {
  it('every text colour reads at 4.5:1 or better on the background it is used on', () => {
    const pairs: [string, string][] = [
      ['text', 'bg'],
      ['text', 'page'],
      ['muted', 'bg'],
      ['muted', 'page'],
      ['danger', 'bg'],
      ['accent', 'bg'],
      ['accent-text', 'accent'],
      ['warn-text', 'warn-bg'],
      ['bg', 'text'], // the pressed language button
    ];
    for (const [fg, bg] of pairs) {
      expect(vars[fg], fg).toBeDefined();
      expect(vars[bg], bg).toBeDefined();
      expect(contrastRatio(vars[fg], vars[bg]), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('the focus ring stands out from the backgrounds (3:1 for non-text)', () => {
    expect(contrastRatio(vars.focus, vars.bg)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(vars.focus, vars.page)).toBeGreaterThanOrEqual(3);
  });

  it('the contrast formula is the WCAG one', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
