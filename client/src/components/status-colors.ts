// Status colours come from the Statuses tab and can be anything: the text on them is black or white,
// whichever contrasts more, so a button is always readable (WCAG 2 contrast, at least 4.5:1 for one of
// the two on any colour).

/** '#rgb' or '#rrggbb' to [r, g, b] in 0..255; null for anything else. */
export function parseHex(color: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG relative luminance of an sRGB colour. */
export function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: string, b: string): number {
  const la = luminance(parseHex(a) ?? [0, 0, 0]);
  const lb = luminance(parseHex(b) ?? [0, 0, 0]);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

const FALLBACK = '#5f6368';

/** The colour to paint a status with: its own if it is a hex colour, a neutral grey otherwise. */
export function statusColor(color: string | undefined): string {
  return color && parseHex(color) ? color.trim() : FALLBACK;
}

/** Black or white, whichever reads better on the background. */
export function textOn(background: string): '#000000' | '#ffffff' {
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff';
}
