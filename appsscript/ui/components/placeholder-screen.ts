// <adm-placeholder>: a screen of the registry whose page is not built yet. The menu already offers it, so it
// opens and says so in the admin's language instead of failing to find its HTML file.
import { LitElement, html, css } from 'lit';
import type { ScreenPage } from '../../../common/screens.ts';
import { LocaleController } from '../controllers/locale-controller.ts';
import { t } from '../i18n/locale.ts';
import { adminTheme } from './theme.ts';
import { emptyState, stateStyles } from './states.ts';
import './screen-header.ts';

export class AdmPlaceholder extends LitElement {
  static override properties = { page: { type: String } };
  static override styles = [adminTheme, stateStyles, css`:host { display: block; padding: 0.6rem; }`];
  declare page: ScreenPage;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.page = 'People';
  }

  override render() {
    void this.locale;
    return html`<adm-screen-header .page=${this.page}></adm-screen-header>${emptyState(t().notBuiltYet)}`;
  }
}

customElements.define('adm-placeholder', AdmPlaceholder);
