// <adm-data-table>: rows in columns, sorted by a click on a column's heading, narrowed by the screen's search
// and filters, a page at a time. Rows open with a click or Enter (`adm-row-open` with the row).
import { LitElement, html, css, nothing } from 'lit';
import { LocaleController } from '../controllers/locale-controller.ts';
import { t } from '../i18n/locale.ts';
import { tableView, type Column, type SortState } from './table-view.ts';
import { adminTheme } from './theme.ts';

export class AdmDataTable<T = any> extends LitElement {
  static override properties = {
    rows: { attribute: false },
    columns: { attribute: false },
    rowKey: { attribute: false },
    searchText: { attribute: false },
    filter: { attribute: false },
    rowClass: { attribute: false },
    query: { type: String },
    caption: { type: String },
    emptyText: { type: String },
    pageSize: { type: Number },
    sort: { attribute: false },
    page: { state: true },
  };

  static override styles = [
    adminTheme,
    css`
      :host { display: block; }
      table { width: 100%; border-collapse: collapse; table-layout: fixed; }
      caption { text-align: left; }
      th, td { text-align: left; padding: 0.3rem 0.25rem; border-bottom: 1px solid var(--wtt-line); vertical-align: top; overflow: hidden; text-overflow: ellipsis; }
      th { font-weight: 600; padding: 0; vertical-align: bottom; }
      th button { width: 100%; text-align: left; border: none; background: none; min-height: 28px; padding: 0.2rem 0.25rem; font-weight: 600; border-radius: 0; line-height: 1.2; }
      th.num button, td.num { text-align: right; }
      th span.arrow { color: var(--wtt-muted); font-size: 10px; margin-left: 2px; }
      tbody tr { cursor: pointer; }
      tbody tr:hover { background: var(--wtt-page); }
      tbody tr:focus-visible { outline-offset: -3px; }
      tbody tr.dim { color: var(--wtt-muted); }
      .foot { display: flex; align-items: center; justify-content: flex-end; gap: 0.25rem; margin-top: 0.35rem; color: var(--wtt-muted); font-size: 12px; }
      .foot .count { margin-right: auto; }
      .foot button { min-width: 32px; min-height: 28px; padding: 0 0.4rem; }
      .empty { color: var(--wtt-muted); padding: 0.75rem 0.25rem; }
      /* For the screens' cell templates (drawn in this shadow root, so styled here): a title line, a line under
         it, and badges. */
      .cell-title { display: block; font-weight: 600; overflow-wrap: anywhere; }
      .cell-sub { display: block; color: var(--wtt-muted); font-size: 12px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .cell-badges { display: flex; gap: 0.2rem; flex-wrap: wrap; margin-top: 0.15rem; }
      .cell-muted { color: var(--wtt-muted); font-size: 12px; }
    `,
  ];

  declare rows: readonly T[];
  declare columns: readonly Column<T>[];
  declare rowKey: (row: T) => string;
  declare searchText: ((row: T) => string) | undefined;
  declare filter: ((row: T) => boolean) | null;
  declare rowClass: ((row: T) => string) | undefined;
  declare query: string;
  declare caption: string;
  declare emptyText: string;
  declare pageSize: number;
  declare sort: SortState | null;
  declare page: number;

  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.rows = [];
    this.columns = [];
    this.rowKey = (row) => JSON.stringify(row);
    this.searchText = undefined;
    this.filter = null;
    this.rowClass = undefined;
    this.query = '';
    this.caption = '';
    this.emptyText = '';
    this.pageSize = 20;
    this.sort = null;
    this.page = 0;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    // A new search or filter starts from the first page; new rows (a save) keep the page the admin is on.
    if (changed.has('query') || changed.has('filter')) this.page = 0;
  }

  private toggleSort(key: string): void {
    const dir = this.sort?.key === key && this.sort.dir === 'asc' ? 'desc' : 'asc';
    this.sort = { key, dir };
    this.page = 0;
    this.dispatchEvent(new CustomEvent('adm-sort', { detail: this.sort }));
  }

  private open(row: T): void {
    this.dispatchEvent(new CustomEvent('adm-row-open', { detail: row, bubbles: true, composed: true }));
  }

  override render() {
    const s = t();
    const view = tableView(this.rows, this.columns, {
      query: this.query,
      searchText: this.searchText,
      filter: this.filter,
      sort: this.sort,
      page: this.page,
      pageSize: this.pageSize,
      lang: this.locale.lang,
    });
    if (view.total === 0) {
      return html`<p class="empty" role="status">${this.rows.length === 0 ? this.emptyText : s.nothingMatches}</p>`;
    }
    return html`<table>
        ${this.caption ? html`<caption class="visually-hidden">${this.caption}</caption>` : nothing}
        <colgroup>${this.columns.map((c) => html`<col style=${c.width ? `width:${c.width}` : ''} />`)}</colgroup>
        <thead>
          <tr>
            ${this.columns.map((c) => {
              const sorted = this.sort?.key === c.key ? this.sort.dir : null;
              const ariaSort = sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none';
              if (c.sortable === false) return html`<th scope="col" class=${c.numeric ? 'num' : ''}><button type="button" disabled>${c.label}</button></th>`;
              return html`<th scope="col" class=${c.numeric ? 'num' : ''} aria-sort=${ariaSort}>
                <button type="button" data-key=${c.key} title=${s.sortBy(c.label)} @click=${() => this.toggleSort(c.key)}>
                  ${c.label}<span class="arrow" aria-hidden="true">${sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}</span>
                </button>
              </th>`;
            })}
          </tr>
        </thead>
        <tbody>
          ${view.rows.map(
            (row) => html`<tr
              tabindex="0"
              data-key=${this.rowKey(row)}
              class=${this.rowClass?.(row) ?? ''}
              @click=${() => this.open(row)}
              @keydown=${(e: KeyboardEvent) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  this.open(row);
                }
              }}
            >
              ${this.columns.map((c) => html`<td class=${c.numeric ? 'num' : ''}>${c.render ? c.render(row) : (c.value(row) ?? '')}</td>`)}
            </tr>`,
          )}
        </tbody>
      </table>
      <div class="foot">
        <span class="count" aria-live="polite">${s.pageOf(view.from, view.to, view.total)}</span>
        ${view.pages > 1
          ? html`<button type="button" class="prev" aria-label=${s.prevPage} title=${s.prevPage} ?disabled=${view.page === 0} @click=${() => (this.page = view.page - 1)}>‹</button>
              <button type="button" class="next" aria-label=${s.nextPage} title=${s.nextPage} ?disabled=${view.page >= view.pages - 1} @click=${() => (this.page = view.page + 1)}>›</button>`
          : nothing}
      </div>`;
  }
}

customElements.define('adm-data-table', AdmDataTable);

declare global {
  interface HTMLElementTagNameMap {
    'adm-data-table': AdmDataTable;
  }
}
