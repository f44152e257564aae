// A screen's heading: its title from the registry (common/screens.ts) in the page's language, and the
// language switch. The sidebar's own title bar says "WorkTimeTracker — …" in both languages; this says it once.
import { LitElement, html, css } from 'lit';
import { SCREENS, type ScreenPage } from '../../../common/screens.ts';
import { LocaleController } from '../controllers/locale-controller.ts';
import { adminTheme } from './theme.ts';
import './lang-switch.ts';

export class AdmScreenHeader extends LitElement {
  static override properties = { page: { type: String } };
  static override styles = [
    adminTheme,
    css`
      :host { display: block; }
      header { display: flex; align-items: center; gap: 0.5rem; padding: 0 0 0.5rem; border-bottom: 1px solid var(--wtt-line); margin-bottom: 0.5rem; }
      h1 { flex: 1 1 auto; min-width: 0; }
    `,
  ];

  declare page: ScreenPage;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.page = 'People';
  }

  override render() {
    return html`<header><h1>${SCREENS[this.page].title[this.locale.lang]}</h1><adm-lang-switch></adm-lang-switch></header>`;
  }
}

customElements.define('adm-screen-header', AdmScreenHeader);

declare global {
  interface HTMLElementTagNameMap {
    'adm-screen-header': AdmScreenHeader;
  }
}
