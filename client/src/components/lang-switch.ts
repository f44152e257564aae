// <wtt-lang-switch>: the shared language switch (ui-shared/lang-switch.ts) in the page's theme, with buttons
// big enough for a thumb.
import { css } from 'lit';
import { LangSwitchBase, langSwitchStyles } from '../../../ui-shared/lang-switch.ts';
import { t } from '../i18n/locale.ts';
import { theme } from './theme.ts';

export class LangSwitch extends LangSwitchBase {
  static override styles = [
    theme,
    langSwitchStyles,
    css`
      [role='group'] { gap: 0.25rem; }
      button { min-width: 44px; padding: 0.25rem 0.6rem; }
    `,
  ];

  protected override label(): string {
    return t().language;
  }
}

customElements.define('wtt-lang-switch', LangSwitch);

declare global {
  interface HTMLElementTagNameMap {
    'wtt-lang-switch': LangSwitch;
  }
}
