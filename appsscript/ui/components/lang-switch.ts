// <adm-lang-switch>: the employee page's language switch (ui-shared/lang-switch.ts) in the console's compact
// theme.
import { css } from 'lit';
import { LangSwitchBase, langSwitchStyles } from '../../../ui-shared/lang-switch.ts';
import { t } from '../i18n/locale.ts';
import { adminTheme } from './theme.ts';

export class AdmLangSwitch extends LangSwitchBase {
  static override styles = [
    adminTheme,
    langSwitchStyles,
    css`
      [role='group'] { gap: 2px; }
      button { min-width: 32px; min-height: 26px; padding: 0 0.4rem; font-size: 12px; }
    `,
  ];

  protected override label(): string {
    return t().language;
  }
}

customElements.define('adm-lang-switch', AdmLangSwitch);

declare global {
  interface HTMLElementTagNameMap {
    'adm-lang-switch': AdmLangSwitch;
  }
}
