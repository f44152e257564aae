// The language switch: two toggle buttons, each named in its own language so a person who cannot read the
// current one still finds theirs. Each app defines its element from this one, with its theme, the buttons'
// sizes and the group's name from its own texts.
import { LitElement, html, css } from 'lit';
import { LocaleController } from './locale-controller.ts';
import { LANGS, setLang, type Lang } from './lang.ts';

const NAMES: Record<Lang, { short: string; full: string }> = {
  ru: { short: 'RU', full: 'Русский' },
  en: { short: 'EN', full: 'English' },
};

export const langSwitchStyles = css`
  :host { display: inline-flex; }
  [role='group'] { display: inline-flex; }
  button[aria-pressed='true'] { background: var(--wtt-text); color: var(--wtt-bg); border-color: var(--wtt-text); }
`;

export abstract class LangSwitchBase extends LitElement {
  private readonly locale = new LocaleController(this);

  /** The group's accessible name ("Language") in the current language. */
  protected abstract label(): string;

  override render() {
    const current = this.locale.lang;
    return html`<div role="group" aria-label=${this.label()}>
      ${LANGS.map(
        (lang) => html`<button type="button" lang=${lang} aria-pressed=${String(lang === current)} aria-label=${NAMES[lang].full} title=${NAMES[lang].full} @click=${() => setLang(lang)}>${NAMES[lang].short}</button>`,
      )}
    </div>`;
  }
}
