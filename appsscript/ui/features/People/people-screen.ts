// <adm-people>: the People sidebar. The list stays in place (search, filters, sort and page kept) while a
// person's form or "add many" is open over it; a save updates the list without reading it again.
import { LitElement, html, css, nothing } from 'lit';
import type { AdminReply, PersonRecord } from '../../../../common/admin-api.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcState } from '../../controllers/rpc-state.ts';
import { t } from '../../i18n/locale.ts';
import { adminTheme } from '../../components/theme.ts';
import { errorState, loadingState, stateStyles } from '../../components/states.ts';
import type { AdmToast } from '../../components/toast.ts';
import '../../components/screen-header.ts';
import '../../components/toast.ts';
import './people-list.ts';
import './person-form.ts';
import './people-import.ts';

type View = { kind: 'list' } | { kind: 'person'; record: PersonRecord | null } | { kind: 'import' };

export class AdmPeople extends LitElement {
  static override properties = { view: { state: true }, people: { state: true } };
  static override styles = [
    adminTheme,
    stateStyles,
    css`
      :host { display: block; padding: 0.6rem 0.6rem 3.5rem; }
      .back { margin-bottom: 0.4rem; }
      [hidden] { display: none !important; }
    `,
  ];

  declare view: View;
  /** The list as last read, with the changes this page made since. */
  declare people: PersonRecord[];

  private readonly locale = new LocaleController(this);
  private readonly list = new RpcState(this, 'people.list');

  constructor() {
    super();
    this.view = { kind: 'list' };
    this.people = [];
    this.addEventListener('adm-row-open', (e) => this.open((e as CustomEvent<PersonRecord>).detail));
    this.addEventListener('adm-close', () => this.back());
    this.addEventListener('adm-saved', (e) => this.saved((e as CustomEvent<AdminReply<'people.save'>>).detail));
    this.addEventListener('adm-changed', (e) => this.changed((e as CustomEvent<{ record: PersonRecord; message: string }>).detail));
    this.addEventListener('adm-imported', (e) => this.imported((e as CustomEvent<{ added: number; invalid: number }>).detail));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    const reply = await this.list.run({});
    if (reply) this.people = reply.rows;
  }

  private get toast(): AdmToast | null {
    return this.renderRoot.querySelector('adm-toast');
  }

  private open(record: PersonRecord | null): void {
    this.view = { kind: 'person', record };
  }

  private back(): void {
    this.view = { kind: 'list' };
  }

  private upsert(record: PersonRecord): void {
    const i = this.people.findIndex((p) => p.id === record.id);
    this.people = i < 0 ? [...this.people, record] : this.people.map((p, j) => (j === i ? record : p));
  }

  private saved(reply: AdminReply<'people.save'>): void {
    this.upsert(reply.record);
    this.back();
    this.toast?.show(reply.created ? t().people.added(reply.record.name) : t().people.savedPerson(reply.record.name));
  }

  private changed({ record, message }: { record: PersonRecord; message: string }): void {
    this.upsert(record);
    if (this.view.kind === 'person') this.view = { kind: 'person', record };
    if (message) this.toast?.show(message);
  }

  private async imported({ added, invalid }: { added: number; invalid: number }): Promise<void> {
    this.toast?.show(t().people.importDone(added));
    // With rows left out the admin stays on the preview to see which; otherwise back to the list.
    if (invalid === 0) this.back();
    await this.load();
  }

  override render() {
    void this.locale;
    const s = t();
    const groups = this.list.value?.groups ?? [];
    const viewer = this.list.value?.viewer ?? null;
    const listShown = this.view.kind === 'list';
    return html`
      <adm-screen-header page="People"></adm-screen-header>
      ${listShown ? nothing : html`<button type="button" class="link back" @click=${() => this.back()}>← ${s.back}</button>`}
      <div ?hidden=${!listShown}>
        ${this.list.status === 'error' ? errorState(this.list.error, () => void this.load()) : nothing}
        ${this.list.value === undefined
          ? this.list.status === 'error'
            ? nothing
            : loadingState()
          : html`<adm-people-list .people=${this.people} .groups=${groups} .viewer=${viewer} @adm-add-person=${() => this.open(null)} @adm-add-many=${() => (this.view = { kind: 'import' })}></adm-people-list>`}
      </div>
      ${this.view.kind === 'person' ? html`<adm-person-form .record=${this.view.record} .groups=${groups} .viewer=${viewer}></adm-person-form>` : nothing}
      ${this.view.kind === 'import' ? html`<adm-people-import></adm-people-import>` : nothing}
      <adm-toast></adm-toast>
    `;
  }
}

customElements.define('adm-people', AdmPeople);

declare global {
  interface HTMLElementTagNameMap {
    'adm-people': AdmPeople;
  }
}
