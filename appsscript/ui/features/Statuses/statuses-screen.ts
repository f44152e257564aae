// <adm-statuses>: the Statuses sidebar: every status with its colour, names, kind, whether it counts as work,
// is hidden or is in use; a click opens it. In the tab's order until a column is sorted: it is the order of
// the employees' buttons.
import { LitElement, html, css, nothing } from 'lit';
import type { AdminReply, StatusRecord } from '../../../../common/admin-api.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcState } from '../../controllers/rpc-state.ts';
import { t } from '../../i18n/locale.ts';
import { adminTheme } from '../../components/theme.ts';
import { errorState, loadingState, stateStyles } from '../../components/states.ts';
import type { Column, SortState } from '../../components/table-view.ts';
import type { AdmToast } from '../../components/toast.ts';
import '../../components/screen-header.ts';
import '../../components/data-table.ts';
import '../../components/toast.ts';
import { statusLabel } from '../../components/status-label.ts';
import { swatch } from './swatch.ts';
import './status-form.ts';

type View = { kind: 'list' } | { kind: 'status'; record: StatusRecord | null };

export class AdmStatuses extends LitElement {
  static override properties = { view: { state: true }, statuses: { state: true } };
  static override styles = [
    adminTheme,
    stateStyles,
    css`
      :host { display: block; padding: 0.6rem 0.6rem 3.5rem; }
      .tools { margin-bottom: 0.4rem; }
      .tools button { width: 100%; }
      .back { margin-bottom: 0.4rem; }
      [hidden] { display: none !important; }
    `,
  ];

  declare view: View;
  declare statuses: StatusRecord[];

  private readonly locale = new LocaleController(this);
  private readonly list = new RpcState(this, 'statuses.list');
  private sort: SortState | null = null;

  constructor() {
    super();
    this.view = { kind: 'list' };
    this.statuses = [];
    this.addEventListener('adm-row-open', (e) => (this.view = { kind: 'status', record: (e as CustomEvent<StatusRecord>).detail }));
    this.addEventListener('adm-close', () => (this.view = { kind: 'list' }));
    this.addEventListener('adm-saved', (e) => this.saved((e as CustomEvent<AdminReply<'statuses.save'>>).detail));
    this.addEventListener('adm-changed', (e) => this.changed((e as CustomEvent<{ record: StatusRecord; message: string }>).detail));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    const reply = await this.list.run({});
    if (reply) this.statuses = reply.rows;
  }

  private get toast(): AdmToast | null {
    return this.renderRoot.querySelector('adm-toast');
  }

  /**
   * The record as saved into the list. A save's `in_use` leaves out Current (docs/admin-api.md), so a status
   * the list knew to be in use stays so until the list is read again.
   */
  private upsert(record: StatusRecord): StatusRecord {
    const i = this.statuses.findIndex((s) => s.code === record.code);
    const merged = i < 0 ? record : { ...record, in_use: record.in_use || this.statuses[i].in_use };
    this.statuses = i < 0 ? [...this.statuses, merged] : this.statuses.map((s, j) => (j === i ? merged : s));
    return merged;
  }

  private saved(reply: AdminReply<'statuses.save'>): void {
    const record = this.upsert(reply.record);
    this.view = { kind: 'list' };
    const st = t().statuses;
    this.toast?.show(reply.created ? st.added(statusLabel(record)) : st.savedStatus(statusLabel(record)));
  }

  private changed({ record, message }: { record: StatusRecord; message: string }): void {
    const merged = this.upsert(record);
    if (this.view.kind === 'status') this.view = { kind: 'status', record: merged };
    if (message) this.toast?.show(message);
  }

  private columns(): Column<StatusRecord>[] {
    const s = t();
    const st = s.statuses;
    const lang = this.locale.lang;
    return [
      {
        key: 'label',
        label: st.colStatus,
        value: (r) => statusLabel(r),
        render: (r) => {
          const other = lang === 'en' ? r.label_ru : r.label_en;
          const badges = [
            r.counts_as_work ? html`<span class="badge ok">${st.countsAsWork}</span>` : null,
            r.hidden ? html`<span class="badge warn">${st.hidden}</span>` : null,
            r.in_use ? html`<span class="badge">${st.inUse}</span>` : null,
          ].filter((b) => b !== null);
          return html`<span class="cell-title">${swatch(r.color)}${statusLabel(r)}</span>
            <span class="cell-sub">${r.code}${other ? ` · ${other}` : ''}</span>
            ${badges.length > 0 ? html`<span class="cell-badges">${badges}</span>` : nothing}`;
        },
      },
      { key: 'kind', label: st.colKind, value: (r) => s.kinds[r.kind], width: '6.6rem' },
    ];
  }

  override render() {
    void this.locale;
    const s = t();
    const st = s.statuses;
    const listShown = this.view.kind === 'list';
    return html`
      <adm-screen-header page="Statuses"></adm-screen-header>
      ${listShown ? nothing : html`<button type="button" class="link back" @click=${() => (this.view = { kind: 'list' })}>← ${s.back}</button>`}
      <div ?hidden=${!listShown}>
        ${this.list.status === 'error' ? errorState(this.list.error, () => void this.load()) : nothing}
        ${this.list.value === undefined
          ? this.list.status === 'error'
            ? nothing
            : loadingState()
          : html`<div class="tools"><button type="button" class="primary add" @click=${() => (this.view = { kind: 'status', record: null })}>+ ${st.addOne}</button></div>
              <adm-data-table
                .rows=${this.statuses}
                .columns=${this.columns()}
                .rowKey=${(r: StatusRecord) => r.code}
                .rowClass=${(r: StatusRecord) => (r.hidden ? 'dim' : '')}
                .sort=${this.sort}
                .emptyText=${st.empty}
                @adm-sort=${(e: CustomEvent<SortState>) => (this.sort = e.detail)}
              ></adm-data-table>`}
      </div>
      ${this.view.kind === 'status' ? html`<adm-status-form .record=${this.view.record}></adm-status-form>` : nothing}
      <adm-toast></adm-toast>
    `;
  }
}

customElements.define('adm-statuses', AdmStatuses);

declare global {
  interface HTMLElementTagNameMap {
    'adm-statuses': AdmStatuses;
  }
}
