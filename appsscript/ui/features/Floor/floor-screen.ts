// <adm-floor>: the Floor sidebar: the live floor (<adm-floor-view>) of the groups the viewer may see, and a
// lead's correction of one person (a click on their row): the board stays in place, still refreshing,
// while the form is open over it, and is asked again as soon as the change is made.
import { LitElement, html, nothing } from 'lit';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { t } from '../../i18n/locale.ts';
import { backButton, screenStyles } from '../../components/screen.ts';
import type { AdmFloorView } from '../../components/floor-view.ts';
import type { LiveRow } from '../../components/floor-live.ts';
import { showToast } from '../../components/toast.ts';
import { zoneOf } from '../../components/zoned-time.ts';
import '../../components/screen-header.ts';
import '../../components/floor-view.ts';
import '../../components/toast.ts';
import './status-form.ts';
import type { StatusSet } from './status-form.ts';

export class AdmFloor extends LitElement {
  static override properties = { open: { state: true } };
  static override styles = screenStyles;

  /** The person whose status is being set; null while the board is shown. */
  declare open: LiveRow | null;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.open = null;
    this.addEventListener('adm-row-open', (e) => (this.open = (e as CustomEvent<LiveRow>).detail));
    this.addEventListener('adm-close', () => (this.open = null));
    this.addEventListener('adm-saved', (e) => void this.saved((e as CustomEvent<StatusSet>).detail));
  }

  private get view(): AdmFloorView | null {
    return this.renderRoot.querySelector('adm-floor-view');
  }

  private async saved({ name, label }: StatusSet): Promise<void> {
    this.open = null;
    showToast(this, t().floor.setDone(name, label));
    await this.view?.refresh();
  }

  override render() {
    void this.locale;
    const feed = this.view?.feed;
    return html`
      <adm-screen-header page="Floor"></adm-screen-header>
      ${this.open ? backButton(() => (this.open = null)) : nothing}
      <adm-floor-view layout="sidebar" ?hidden=${this.open !== null}></adm-floor-view>
      ${this.open && feed
        ? html`<adm-floor-status-form
            .row=${this.open.row}
            .statuses=${feed.reply?.statuses ?? []}
            .zone=${zoneOf(feed.reply)}
            .clock=${() => feed.now ?? Date.now()}
          ></adm-floor-status-form>`
        : nothing}
      <adm-toast></adm-toast>
    `;
  }
}

customElements.define('adm-floor', AdmFloor);

declare global {
  interface HTMLElementTagNameMap {
    'adm-floor': AdmFloor;
  }
}
