// The language switch: two toggle buttons, each named in its own language so a person who cannot read the
// current one still finds theirs.
import { LitElement, html, css } from 'lit';
import { LocaleController } from '../controllers/locale-controller.ts';
import { LANGS, setLang, t, type Lang } from '../i18n/locale.ts';
import { adminTheme } from './theme.ts';

const NAMES: Record<Lang, { short: string; full: string }> = {
  ru: { short: 'RU', full: 'Русский' },
  en: { short: 'EN', full: 'English' },
};

export class AdmLangSwitch extends LitElement {
  static override styles = [
    adminTheme,
    css`
      :host { display: inline-flex; }
      [role='group'] { display: inline-flex; gap: 2px; }
      button { min-width: 32px; min-height: 26px; padding: 0 0.4rem; font-size: 12px; }
      button[aria-pressed='true'] { background: var(--wtt-text); color: var(--wtt-bg); border-color: var(--wtt-text); }
    `,
  ];

  private readonly locale = new LocaleController(this);

  override render() {
    const current = this.locale.lang;
    return html`<div role="group" aria-label=${t().language}>
      ${LANGS.map(
        (lang) => html`<button type="button" lang=${lang} aria-pressed=${String(lang === current)} aria-label=${NAMES[lang].full} title=${NAMES[lang].full} @click=${() => setLang(lang)}>
          ${NAMES[lang].short}
        </button>`,
      )}
    </div>`;
  }
}

customElements.define('adm-lang-switch', AdmLangSwitch);

declare global {
  interface HTMLElementTagNameMap {
    'adm-lang-switch': AdmLangSwitch;
  }
}
