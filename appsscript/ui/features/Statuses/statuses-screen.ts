// <adm-statuses>: the Statuses sidebar: every status with its colour, names, kind, whether it counts as work,
// is hidden or is in use; a click opens it. In the tab's order until a column is sorted: it is the order of
// the employees' buttons.
import { LitElement, html, nothing } from 'lit';
import type { StatusRecord } from '../../../../common/admin-api.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { OpenRecord, RecordList } from '../../controllers/record-list.ts';
import { t } from '../../i18n/locale.ts';
import { backButton, screenStyles } from '../../components/screen.ts';
import type { Column, SortState } from '../../components/table-view.ts';
import '../../components/screen-header.ts';
import '../../components/data-table.ts';
import '../../components/toast.ts';
import { statusLabel } from '../../components/status-label.ts';
import { swatch } from './swatch.ts';
import './status-form.ts';

export class AdmStatuses extends LitElement {
  static override styles = screenStyles;

  private readonly locale = new LocaleController(this);
  /**
   * A save's `in_use` leaves out Current (docs/admin-api.md), so a status the list knew to be in use stays so
   * until the list is read again.
   */
  private readonly list = new RecordList(this, 'statuses.list', {
    key: (st) => st.code,
    merge: (saved, known) => ({ ...saved, in_use: saved.in_use || known.in_use }),
  });
  private readonly opened = new OpenRecord<StatusRecord>(this, this.list, {
    savedText: (st, created) => (created ? t().statuses.added(statusLabel(st)) : t().statuses.savedStatus(statusLabel(st))),
  });
  private sort: SortState | null = null;

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
    const st = t().statuses;
    const open = this.opened.record;
    return html`
      <adm-screen-header page="Statuses"></adm-screen-header>
      ${this.opened.listShown ? nothing : backButton(() => this.opened.close())}
      <div ?hidden=${!this.opened.listShown}>
        ${this.list.render(
          () => html`<div class="tools"><button type="button" class="primary add" @click=${() => this.opened.open(null)}>+ ${st.addOne}</button></div>
            <adm-data-table
              .rows=${this.list.rows}
              .columns=${this.columns()}
              .rowKey=${(r: StatusRecord) => r.code}
              .rowClass=${(r: StatusRecord) => (r.hidden ? 'dim' : '')}
              .sort=${this.sort}
              .emptyText=${st.empty}
              @adm-sort=${(e: CustomEvent<SortState>) => (this.sort = e.detail)}
            ></adm-data-table>`,
        )}
      </div>
      ${open !== undefined ? html`<adm-status-form .record=${open}></adm-status-form>` : nothing}
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
