// <adm-audit>: the Audit log dialog (960×640): every admin change, newest first, filtered by who, action,
// record and dates, 50 at a time with "Load more" (audit.list's `next`, sent back as `before_row`). Each row
// says what changed, field by field; a click shows the whole record before and after.
import { LitElement, html, css, nothing } from 'lit';
import type { AdminPayload, AuditRecord } from '../../../../common/admin-api.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcState } from '../../controllers/rpc-state.ts';
import { t, type Lang } from '../../i18n/locale.ts';
import { adminTheme } from '../../components/theme.ts';
import { fieldStyles, focusFirstInvalidWhenDrawn, selectField, textField } from '../../components/fields.ts';
import { pathErrors, type FieldErrors } from '../../components/field-errors.ts';
import { emptyState, errorState, loadingState, stateStyles } from '../../components/states.ts';
import { backButton } from '../../components/screen.ts';
import type { Column } from '../../components/table-view.ts';
import '../../components/screen-header.ts';
import '../../components/data-table.ts';
import { auditDiff, partsOf, valueText, type DiffLine } from './audit-diff.ts';

type Filters = Required<Pick<AdminPayload<'audit.list'>, 'actor' | 'action' | 'target' | 'from' | 'to'>>;
const NO_FILTERS: Filters = { actor: '', action: '', target: '', from: '', to: '' };

/** A loaded row and its place in the list (rows have no id of their own). */
interface Row extends AuditRecord {
  n: number;
}

/** Areas and their actions, as the server writes them (docs/admin-api.md): the action filter's choices. */
const ACTIONS: Record<string, readonly string[]> = {
  people: ['people.add', 'people.save', 'people.deactivate', 'people.revoke', 'people.import'],
  groups: ['groups.add', 'groups.save'],
  statuses: ['statuses.add', 'statuses.save'],
  rules: ['rules.save'],
  settings: ['settings.save'],
  violation: ['violation.excuse', 'violation.confirm'],
};

/** Lines of a change shown in the list; the rest are in the row's detail. */
const SHOWN_LINES = 4;

/** In the spreadsheet's zone (the reply says which), like every time in the tabs. */
function timeText(at: number, lang: Lang, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone }).format(at);
}

export class AdmAudit extends LitElement {
  static override properties = {
    filters: { state: true },
    rows: { state: true },
    next: { state: true },
    zone: { state: true },
    lastEmpty: { state: true },
    open: { state: true },
    errors: { state: true },
  };

  static override styles = [
    adminTheme,
    fieldStyles,
    stateStyles,
    css`
      :host { display: block; padding: 0.6rem 0.9rem 1rem; }
      form.filters { display: grid; grid-template-columns: 1.3fr 1.6fr 1fr 8.8rem 8.8rem auto; gap: 0 0.5rem; align-items: start; margin-bottom: 0.5rem; }
      form.filters .field { margin-bottom: 0.25rem; }
      form.filters .buttons { display: flex; gap: 0.3rem; padding-top: calc(1.35em + 0.15rem); }
      .zone { color: var(--wtt-muted); font-size: 12px; margin: 0 0 0.3rem; }
      .more { display: flex; align-items: center; gap: 0.75rem; margin-top: 0.5rem; }
      .more p { margin: 0; color: var(--wtt-muted); font-size: 12px; }
      .back { margin-bottom: 0.4rem; }
      dl.head { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 0.75rem; margin: 0 0 0.75rem; }
      dl.head dt { font-weight: 600; }
      dl.head dd { margin: 0; overflow-wrap: anywhere; }
      table.whole { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 13px; }
      table.whole th, table.whole td { text-align: left; vertical-align: top; padding: 0.25rem 0.4rem; border-bottom: 1px solid var(--wtt-line); overflow-wrap: anywhere; }
      table.whole th:first-child { width: 14rem; }
      table.whole tr.changed td { background: var(--wtt-warn-bg); }
      table.whole tr.changed th { font-weight: 700; }
      [hidden] { display: none !important; }
    `,
  ];

  declare filters: Filters;
  declare rows: Row[];
  declare next: number | null;
  /** The spreadsheet's time zone, from the first reply. */
  declare zone: string | undefined;
  /** The last page read had no row (the server's bound stopped it short): "Load more" goes further back. */
  declare lastEmpty: boolean;
  declare open: Row | null;
  declare errors: FieldErrors;

  private readonly locale = new LocaleController(this);
  private readonly list = new RpcState(this, 'audit.list');
  private readonly more = new RpcState(this, 'audit.list');
  /** The filters of the rows shown: "Load more" continues these, not what is typed since. */
  private shown: Partial<Filters> = {};

  constructor() {
    super();
    this.filters = NO_FILTERS;
    this.rows = [];
    this.next = null;
    this.lastEmpty = false;
    this.open = null;
    this.errors = {};
    this.addEventListener('adm-row-open', (e) => (this.open = (e as CustomEvent<Row>).detail));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.apply();
  }

  private set<K extends keyof Filters>(key: K, value: string): void {
    this.filters = { ...this.filters, [key]: value };
    if (this.errors[key]) {
      const { [key]: _gone, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  /** Reads the newest rows that match the filters. */
  async apply(e?: Event): Promise<void> {
    e?.preventDefault();
    const asked = Object.fromEntries(Object.entries(this.filters).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== '')) as Partial<Filters>;
    this.more.reset();
    const reply = await this.list.run(asked);
    if (!reply) {
      this.errors = pathErrors(this.list.error, this.locale.lang);
      if (Object.keys(this.errors).length > 0) focusFirstInvalidWhenDrawn(this);
      return;
    }
    this.errors = {};
    this.shown = asked;
    this.rows = reply.rows.map((r, n) => ({ ...r, n }));
    this.zone = reply.time_zone;
    this.next = reply.next;
    this.lastEmpty = reply.rows.length === 0;
  }

  private async loadMore(): Promise<void> {
    if (this.next === null || this.more.loading) return;
    const reply = await this.more.run({ ...this.shown, before_row: this.next });
    if (!reply) return;
    const from = this.rows.length;
    this.rows = [...this.rows, ...reply.rows.map((r, i) => ({ ...r, n: from + i }))];
    this.next = reply.next;
    this.lastEmpty = reply.rows.length === 0;
  }

  private clearFilters(): void {
    this.filters = NO_FILTERS;
    void this.apply();
  }

  private actionText(action: string): string {
    return t().audit.actions[action] ?? action;
  }

  private yesNo = (b: boolean): string => (b ? t().yes : t().no);

  private lineText(l: DiffLine): string {
    const before = valueText(l.before, this.yesNo) || t().none;
    const after = valueText(l.after, this.yesNo) || t().none;
    const where = l.path === '' ? '' : `${l.path}: `;
    if (l.change === 'added') return `${where}${after}`;
    if (l.change === 'removed') return `${where}${before} (${t().audit.removed})`;
    return `${where}${before} → ${after}`;
  }

  private columns(): Column<Row>[] {
    const a = t().audit;
    const lang = this.locale.lang;
    return [
      { key: 'at', label: a.colAt, value: (r) => r.at, render: (r) => timeText(r.at, lang, this.zone), width: '9rem', sortable: false },
      { key: 'actor', label: a.colActor, value: (r) => r.actor, render: (r) => html`<span class="cell-title" style="font-weight:400">${r.actor}</span>`, width: '13rem', sortable: false },
      {
        key: 'action',
        label: a.colAction,
        value: (r) => r.action,
        render: (r) => html`<span class="cell-title" style="font-weight:400">${this.actionText(r.action)}</span><span class="cell-sub">${r.action}</span>`,
        width: '11rem',
        sortable: false,
      },
      { key: 'target', label: a.colTarget, value: (r) => r.target, render: (r) => html`<span class="cell-title" style="font-weight:400">${r.target}</span>`, width: '8rem', sortable: false },
      {
        key: 'change',
        label: a.colChange,
        value: () => null,
        sortable: false,
        render: (r) => {
          const lines = auditDiff(r.before, r.after);
          if (lines.length === 0) return html`<span class="cell-muted">${a.noChange}</span>`;
          const shown = lines.slice(0, SHOWN_LINES);
          return html`${shown.map((l) => html`<span class="cell-sub" title=${this.lineText(l)}>${this.lineText(l)}</span>`)}${lines.length > shown.length
            ? html`<span class="cell-muted">${a.more(lines.length - shown.length)}</span>`
            : nothing}`;
        },
      },
    ];
  }

  override render() {
    const s = t();
    const a = s.audit;
    return html`
      <adm-screen-header page="Audit"></adm-screen-header>
      ${this.open ? this.renderOne(this.open) : nothing}
      <div ?hidden=${this.open !== null}>
        ${this.renderFilters()}
        <p class="zone">${a.timesIn(this.zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone)}</p>
        ${this.list.status === 'error' && Object.keys(this.errors).length === 0 ? errorState(this.list.error, () => void this.apply()) : nothing}
        ${this.list.loading ? loadingState() : this.list.status === 'ok' ? this.renderRows() : nothing}
      </div>
    `;
  }

  private renderFilters() {
    const s = t();
    const a = s.audit;
    const f = this.filters;
    const options = [
      { value: '', label: a.anyAction },
      ...Object.entries(ACTIONS).flatMap(([area, actions]) => [
        { value: area, label: a.allOf(a.areas[area] ?? area) },
        ...actions.map((action) => ({ value: action, label: `· ${this.actionText(action)}` })),
      ]),
    ];
    return html`<form class="filters" novalidate @submit=${(e: Event) => this.apply(e)} aria-label=${a.filters}>
      ${textField({ id: 'actor', label: a.actor, value: f.actor, placeholder: a.actorPlaceholder, error: this.errors.actor, onInput: (v) => this.set('actor', v) })}
      ${selectField({ id: 'action', label: a.action, value: f.action, options, error: this.errors.action, onChange: (v) => this.set('action', v) })}
      ${textField({ id: 'target', label: a.target, value: f.target, placeholder: a.targetPlaceholder, error: this.errors.target, onInput: (v) => this.set('target', v) })}
      ${textField({ id: 'from', label: a.from, type: 'date', value: f.from, error: this.errors.from, onInput: (v) => this.set('from', v) })}
      ${textField({ id: 'to', label: a.to, type: 'date', value: f.to, error: this.errors.to, onInput: (v) => this.set('to', v) })}
      <div class="buttons">
        <button type="submit" class="primary apply" ?disabled=${this.list.loading}>${a.apply}</button>
        <button type="button" class="clear" @click=${() => this.clearFilters()}>${a.clear}</button>
      </div>
    </form>`;
  }

  private renderRows() {
    const a = t().audit;
    const filtered = Object.keys(this.shown).length > 0;
    if (this.rows.length === 0 && this.next === null) return emptyState(filtered ? a.noMatch : a.empty);
    return html`
      ${this.rows.length > 0
        ? html`<adm-data-table .rows=${this.rows} .columns=${this.columns()} .rowKey=${(r: Row) => String(r.n)} .pageSize=${100_000}></adm-data-table>`
        : nothing}
      ${this.more.status === 'error' ? errorState(this.more.error, () => void this.loadMore()) : nothing}
      <div class="more">
        ${this.next !== null
          ? html`<button type="button" class="load-more" ?disabled=${this.more.loading} @click=${() => this.loadMore()}>${this.more.loading ? a.loadingMore : a.loadMore}</button>
              ${this.lastEmpty ? html`<p class="cut-short">${a.cutShort}</p>` : nothing}`
          : html`<p class="the-end">${a.theEnd}</p>`}
      </div>
    `;
  }

  /** One row whole: every field before and after, the changed ones marked. */
  private renderOne(r: Row) {
    const s = t();
    const a = s.audit;
    const lang = this.locale.lang;
    const lines = auditDiff(r.before, r.after);
    const before = partsOf(r.before);
    const after = partsOf(r.after);
    const paths = [...new Set([...before.keys(), ...after.keys()])];
    const changed = (p: string) => lines.some((l) => p === '' || l.path === p || l.path.startsWith(`${p}.`));
    const text = (parts: Map<string, unknown>, p: string) => valueText(parts.get(p), this.yesNo) || s.none;
    return html`<section aria-labelledby="one-h">
      ${backButton(() => (this.open = null))}
      <h2 id="one-h">${a.detailHeading}</h2>
      <dl class="head">
        <dt>${a.colAt}</dt><dd>${timeText(r.at, lang, this.zone)}</dd>
        <dt>${a.colActor}</dt><dd>${r.actor}</dd>
        <dt>${a.colAction}</dt><dd>${this.actionText(r.action)} (${r.action})</dd>
        <dt>${a.colTarget}</dt><dd>${r.target}</dd>
      </dl>
      <table class="whole">
        <thead><tr><th scope="col"></th><th scope="col">${a.before}</th><th scope="col">${a.after}</th></tr></thead>
        <tbody>
          ${paths.map((p) => html`<tr class=${changed(p) ? 'changed' : ''}><th scope="row">${p || '—'}</th><td>${text(before, p)}</td><td>${text(after, p)}</td></tr>`)}
        </tbody>
      </table>
    </section>`;
  }
}

customElements.define('adm-audit', AdmAudit);

declare global {
  interface HTMLElementTagNameMap {
    'adm-audit': AdmAudit;
  }
}
