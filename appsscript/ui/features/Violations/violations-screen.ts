// <adm-violations>: the Violations dialog (1100×720): today's, this week's or some dates' violations of the
// groups the viewer may see, filtered by group, person, type and state; a click shows that person's day
// beside the list (violations.day); one or many are excused or confirmed with a reason, after a confirm
// step, and the rows change to what the server answered.
import { LitElement, html, css, nothing } from 'lit';
import type { AdminReply, StatusRecord, ViolationRecord } from '../../../../common/admin-api.ts';
import { VIOLATION_TYPES } from '../../../../common/violations.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcState } from '../../controllers/rpc-state.ts';
import { t } from '../../i18n/locale.ts';
import { adminTheme } from '../../components/theme.ts';
import { fieldStyles, selectField, textField } from '../../components/fields.ts';
import { pathErrors } from '../../components/field-errors.ts';
import { emptyState, errorState, loadingState, stateStyles } from '../../components/states.ts';
import type { Column, SortState } from '../../components/table-view.ts';
import { showToast } from '../../components/toast.ts';
import { addDays, browserZone, dateIn, dateText, mondayOf, timeIn, zoneOf } from '../../components/zoned-time.ts';
import '../../components/screen-header.ts';
import '../../components/data-table.ts';
import '../../components/toast.ts';
import { violationText } from './violation-text.ts';
import type { Resolution } from './resolve-form.ts';
import './resolve-form.ts';
import './day-bar.ts';

type Preset = 'today' | 'week' | 'range';
type State = ViolationRecord['resolution'];

interface Filters {
  group: string;
  person: string;
  type: string;
  state: '' | State;
}

const NO_FILTERS: Filters = { group: '', person: '', type: '', state: '' };
const PAGE_SIZE = 10;

/** The dates a preset stands for, on the spreadsheet's calendar. */
export function periodOf(preset: Preset, today: string, range: { from: string; to: string }): { from: string; to: string } {
  if (preset === 'today') return { from: today, to: today };
  if (preset === 'week') return { from: mondayOf(today), to: addDays(mondayOf(today), 6) };
  return range;
}

export class AdmViolations extends LitElement {
  static override properties = {
    preset: { state: true },
    range: { state: true },
    filters: { state: true },
    rows: { state: true },
    selected: { state: true },
    opened: { state: true },
    resolving: { state: true },
  };

  static override styles = [
    adminTheme,
    fieldStyles,
    stateStyles,
    css`
      :host { display: block; padding: 0.6rem 0.9rem 1rem; }
      form.filters { display: flex; flex-wrap: wrap; gap: 0 0.5rem; align-items: flex-start; margin-bottom: 0.3rem; }
      form.filters .field { flex: 1 1 8rem; min-width: 0; margin-bottom: 0.3rem; }
      form.filters .field[data-field='preset'] { flex: 0 0 8.5rem; }
      form.filters .field[data-field='from'], form.filters .field[data-field='to'] { flex: 0 0 9.2rem; }
      form.filters .show { align-self: flex-start; margin-top: calc(1.35em + 0.15rem); }
      .main { display: grid; grid-template-columns: minmax(0, 1fr) 23rem; gap: 0.9rem; align-items: start; }
      .bulk { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem; min-height: 34px; margin-bottom: 0.3rem; }
      .bulk label { font-weight: 400; margin: 0; display: flex; align-items: center; }
      .bulk .count { margin-left: auto; color: var(--wtt-muted); font-size: 12px; }
      .bulk button { min-height: 28px; }
      adm-resolve-form { margin-bottom: 0.5rem; }
      aside { border-left: 1px solid var(--wtt-line); padding-left: 0.9rem; min-width: 0; }
      aside h2 { overflow-wrap: anywhere; }
      .pick { color: var(--wtt-muted); }
      .violation { border: 1px solid var(--wtt-line); border-radius: 6px; padding: 0.4rem 0.55rem; margin-bottom: 0.6rem; }
      .violation .type { font-weight: 700; }
      .violation dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0 0.5rem; margin: 0.2rem 0; font-size: 13px; }
      .violation dt { color: var(--wtt-muted); }
      .violation dd { margin: 0; overflow-wrap: anywhere; }
      .violation .buttons { display: flex; gap: 0.4rem; margin-top: 0.35rem; }
      .zone { color: var(--wtt-muted); font-size: 12px; margin: 0.2rem 0 0; }
      [hidden] { display: none !important; }
    `,
  ];

  declare preset: Preset;
  /** The dates typed for "Dates". */
  declare range: { from: string; to: string };
  declare filters: Filters;
  declare rows: ViolationRecord[];
  /** Ticked for a bulk action. */
  declare selected: ReadonlySet<string>;
  /** The violation whose day is shown. */
  declare opened: ViolationRecord | null;
  /** A resolution under way: of the selection (bulk) or of the opened one. */
  declare resolving: { resolution: Resolution; bulk: boolean } | null;

  private readonly locale = new LocaleController(this);
  private readonly list = new RpcState(this, 'violations.list');
  private readonly day = new RpcState(this, 'violations.day');
  private readonly statusList = new RpcState(this, 'statuses.list');
  /** The spreadsheet's zone once a reply says it; until then the browser's. */
  private zone = browserZone();
  /** The dates of the rows shown. */
  private shown: { from: string; to: string } | null = null;
  private sort: SortState = { key: 'date', dir: 'desc' };
  private predicate: ((r: ViolationRecord) => boolean) | null = null;

  constructor() {
    super();
    this.preset = 'today';
    const today = dateIn(Date.now(), this.zone);
    this.range = { from: mondayOf(today), to: today };
    this.filters = NO_FILTERS;
    this.rows = [];
    this.selected = new Set();
    this.opened = null;
    this.resolving = null;
    this.addEventListener('adm-row-open', (e) => void this.openRow((e as CustomEvent<ViolationRecord>).detail));
    this.addEventListener('adm-resolved', (e) => this.resolved((e as CustomEvent<ViolationRecord[]>).detail));
    this.addEventListener('adm-close', () => (this.resolving = null));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.statusList.run({});
    void this.load();
  }

  private get statuses(): StatusRecord[] {
    return this.statusList.value?.rows ?? [];
  }

  private period(): { from: string; to: string } {
    return periodOf(this.preset, dateIn(Date.now(), this.zone), this.range);
  }

  async load(): Promise<void> {
    const period = this.period();
    const reply = await this.list.run(period);
    if (!reply) return;
    const zone = zoneOf(reply);
    if (zone !== this.zone) {
      // "Today" is the spreadsheet's today: read again if it is another day there.
      this.zone = zone;
      const again = this.period();
      if (again.from !== period.from || again.to !== period.to) return this.load();
    }
    this.shown = period;
    this.rows = reply.rows;
    const ids = new Set(reply.rows.map((r) => r.id));
    this.selected = new Set([...this.selected].filter((id) => ids.has(id)));
    if (this.opened && !ids.has(this.opened.id)) this.opened = null;
  }

  private choosePreset(preset: Preset): void {
    this.preset = preset;
    this.resolving = null;
    if (preset !== 'range') void this.load();
  }

  private setFilter<K extends keyof Filters>(key: K, value: Filters[K]): void {
    this.filters = { ...this.filters, [key]: value, ...(key === 'group' ? { person: '' } : {}) };
    const f = this.filters;
    this.predicate =
      f.group || f.person || f.type || f.state
        ? (r) => (!f.group || r.group === f.group) && (!f.person || r.employee_id === f.person) && (!f.type || r.type === f.type) && (!f.state || r.resolution === f.state)
        : null;
  }

  private visibleRows(): ViolationRecord[] {
    const keep = this.predicate;
    return keep ? this.rows.filter(keep) : this.rows;
  }

  private toggle(id: string, on: boolean): void {
    const next = new Set(this.selected);
    if (on) next.add(id);
    else next.delete(id);
    this.selected = next;
  }

  private selectAll(on: boolean): void {
    this.selected = on ? new Set(this.visibleRows().map((r) => r.id)) : new Set();
  }

  private async openRow(row: ViolationRecord): Promise<void> {
    if (this.opened?.id === row.id) return;
    this.opened = row;
    if (this.resolving && !this.resolving.bulk) this.resolving = null;
    await this.day.run({ employee_id: row.employee_id, date: row.date });
  }

  private resolved(rows: ViolationRecord[]): void {
    const byId = new Map(rows.map((r) => [r.id, r]));
    this.rows = this.rows.map((r) => byId.get(r.id) ?? r);
    if (this.opened) this.opened = byId.get(this.opened.id) ?? this.opened;
    this.selected = new Set([...this.selected].filter((id) => !byId.has(id)));
    const v = t().violations;
    const excused = rows.filter((r) => r.resolution === 'excused').length;
    showToast(this, excused === rows.length ? v.excused(rows.length) : v.confirmed(rows.length));
    this.resolving = null;
  }

  private typeText(type: string): string {
    return t().violations.types[type] ?? type;
  }

  private columns(): Column<ViolationRecord>[] {
    const v = t().violations;
    const lang = this.locale.lang;
    const text = (x: string) => violationText(x, this.statuses, lang);
    return [
      {
        key: 'pick',
        label: '',
        width: '2rem',
        sortable: false,
        value: () => null,
        render: (r) => html`<input
          type="checkbox"
          class="pick"
          data-id=${r.id}
          .checked=${this.selected.has(r.id)}
          aria-label=${v.selectRow(r.name, this.typeText(r.type), dateText(r.date, lang))}
          @click=${(e: Event) => e.stopPropagation()}
          @keydown=${(e: Event) => e.stopPropagation()}
          @change=${(e: Event) => this.toggle(r.id, (e.target as HTMLInputElement).checked)}
        />`,
      },
      { key: 'date', label: v.colDate, width: '5.2rem', value: (r) => `${r.date} ${String(r.detected_at ?? 0).padStart(15, '0')}`, render: (r) => dateText(r.date, lang, true) },
      {
        key: 'name',
        label: v.colPerson,
        width: '10rem',
        value: (r) => r.name,
        render: (r) => html`<span class="cell-title" style=${this.opened?.id === r.id ? 'color:var(--wtt-accent)' : ''}>${this.opened?.id === r.id ? '▸ ' : ''}${r.name}</span><span class="cell-sub">${r.group}</span>`,
      },
      {
        key: 'type',
        label: v.colViolation,
        value: (r) => this.typeText(r.type),
        render: (r) => html`<span class="cell-title" style="font-weight:600">${this.typeText(r.type)}</span>
          ${r.planned ? html`<span class="cell-sub" title=${text(r.planned)}>${`${v.planned}: ${text(r.planned)}`}</span>` : nothing}
          ${r.actual ? html`<span class="cell-sub" title=${text(r.actual)}>${`${v.actual}: ${text(r.actual)}`}</span>` : nothing}`,
      },
      { key: 'over', label: v.colOver, width: '4.2rem', numeric: true, value: (r) => r.over_minutes, render: (r) => (r.over_minutes > 0 ? v.minutes(r.over_minutes) : '') },
      {
        key: 'state',
        label: v.colState,
        width: '8.6rem',
        value: (r) => v.states[r.resolution],
        render: (r) => html`<span class="cell-badges" style="margin:0"><span class="badge state ${r.resolution === 'excused' ? 'ok' : r.resolution === 'open' ? 'warn' : ''}" style=${r.resolution === 'confirmed' ? 'color:var(--wtt-danger);border-color:var(--wtt-danger)' : ''}>${v.states[r.resolution]}</span></span>
          ${r.resolved_by ? html`<span class="cell-sub" title=${r.resolved_by}>${v.by(r.resolved_by)}</span>` : nothing}
          ${r.note ? html`<span class="cell-sub" title=${r.note}>${r.note}</span>` : nothing}`,
      },
    ];
  }

  override render() {
    void this.locale;
    return html`
      <adm-screen-header page="Violations"></adm-screen-header>
      ${this.renderFilters()}
      ${this.list.status === 'error' && !this.fieldError('from') && !this.fieldError('to') ? errorState(this.list.error, () => void this.load()) : nothing}
      ${this.list.value === undefined && this.list.status !== 'error' ? loadingState() : nothing}
      ${this.list.value !== undefined
        ? html`<div class="main">
            <section aria-label=${t().violations.colViolation}>${this.renderList()}</section>
            <aside>${this.renderDay()}</aside>
          </div>`
        : nothing}
      <adm-toast></adm-toast>
    `;
  }

  private renderFilters() {
    const v = t().violations;
    const f = this.filters;
    const viewer = this.list.value?.viewer;
    const groups = [...new Set([...(viewer?.groups ?? []), ...this.rows.map((r) => r.group)])].sort();
    const people = new Map<string, string>();
    for (const r of this.rows) if (!f.group || r.group === f.group) people.set(r.employee_id, r.name);
    const collator = new Intl.Collator(this.locale.lang);
    return html`<form
      class="filters"
      novalidate
      aria-label=${v.period}
      @submit=${(e: Event) => {
        e.preventDefault();
        void this.load();
      }}
    >
      ${selectField({
        id: 'preset',
        label: v.period,
        value: this.preset,
        options: [
          { value: 'today', label: v.today },
          { value: 'week', label: v.week },
          { value: 'range', label: v.range },
        ],
        onChange: (value) => this.choosePreset(value as Preset),
      })}
      ${this.preset === 'range'
        ? html`${textField({ id: 'from', label: v.from, type: 'date', value: this.range.from, error: this.fieldError('from'), onInput: (value) => (this.range = { ...this.range, from: value }) })}
          ${textField({ id: 'to', label: v.to, type: 'date', value: this.range.to, error: this.fieldError('to'), onInput: (value) => (this.range = { ...this.range, to: value }) })}
            <button type="submit" class="primary show" ?disabled=${this.list.loading}>${v.show}</button>`
        : nothing}
      ${groups.length > 1
        ? selectField({
            id: 'f-group',
            label: v.group,
            value: f.group,
            options: [{ value: '', label: v.allGroups }, ...groups.map((g) => ({ value: g, label: g }))],
            onChange: (value) => this.setFilter('group', value),
          })
        : nothing}
      ${selectField({
        id: 'f-person',
        label: v.person,
        value: f.person,
        options: [{ value: '', label: v.everyone }, ...[...people].sort((a, b) => collator.compare(a[1], b[1])).map(([id, name]) => ({ value: id, label: name }))],
        onChange: (value) => this.setFilter('person', value),
      })}
      ${selectField({
        id: 'f-type',
        label: v.type,
        value: f.type,
        options: [{ value: '', label: v.anyType }, ...VIOLATION_TYPES.map((type) => ({ value: type, label: this.typeText(type) }))],
        onChange: (value) => this.setFilter('type', value),
      })}
      ${selectField({
        id: 'f-state',
        label: v.state,
        value: f.state,
        options: [{ value: '', label: v.anyState }, ...(['open', 'excused', 'confirmed'] as const).map((st) => ({ value: st, label: v.states[st] }))],
        onChange: (value) => this.setFilter('state', value as Filters['state']),
      })}
    </form>`;
  }

  /** A problem the server or the schema found with a date of "Dates". */
  private fieldError(field: 'from' | 'to'): string | undefined {
    return this.list.status === 'error' ? pathErrors(this.list.error, this.locale.lang)[field] : undefined;
  }

  private renderList() {
    const v = t().violations;
    const visible = this.visibleRows();
    const picked = [...this.selected];
    const targets = this.rows.filter((r) => this.selected.has(r.id));
    const allOn = visible.length > 0 && visible.every((r) => this.selected.has(r.id));
    if (this.rows.length === 0) return emptyState(v.empty);
    return html`
      <div class="bulk">
        <label><input type="checkbox" class="select-all" .checked=${allOn} ?disabled=${visible.length === 0} @change=${(e: Event) => this.selectAll((e.target as HTMLInputElement).checked)} />${v.selectAll(visible.length)}</label>
        ${picked.length > 0
          ? html`<button type="button" class="bulk-excuse" @click=${() => (this.resolving = { resolution: 'excused', bulk: true })}>${v.excuse}</button>
              <button type="button" class="bulk-confirm danger" @click=${() => (this.resolving = { resolution: 'confirmed', bulk: true })}>${v.confirm}</button>
              <button type="button" class="link clear-selection" @click=${() => this.selectAll(false)}>${v.clearSelection}</button>`
          : nothing}
        <span class="count" aria-live="polite">${picked.length > 0 ? v.selected(picked.length) : ''}</span>
      </div>
      ${this.resolving?.bulk && targets.length > 0
        ? html`<adm-resolve-form class="bulk-form" bulk .targets=${targets} .resolution=${this.resolving.resolution}></adm-resolve-form>`
        : nothing}
      <adm-data-table
        .rows=${this.rows}
        .columns=${this.columns()}
        .rowKey=${(r: ViolationRecord) => r.id}
        .filter=${this.predicate}
        .sort=${this.sort}
        .pageSize=${PAGE_SIZE}
        .caption=${v.colViolation}
        .emptyText=${v.empty}
        @adm-sort=${(e: CustomEvent<SortState>) => (this.sort = e.detail)}
      ></adm-data-table>
      <p class="zone">${t().floor.timesIn(this.zone)}</p>
    `;
  }

  private renderDay() {
    const v = t().violations;
    const r = this.opened;
    if (!r) return html`<p class="pick">${v.pickOne}</p>`;
    const lang = this.locale.lang;
    const text = (x: string) => violationText(x, this.statuses, lang);
    const day: AdminReply<'violations.day'> | null = this.day.status === 'ok' ? (this.day.value ?? null) : null;
    return html`
      <h2>${v.dayHeading(r.name, dateText(r.date, lang, true))}</h2>
      <div class="violation" data-id=${r.id}>
        <div class="type">${this.typeText(r.type)}</div>
        <dl>
          ${r.planned ? html`<dt>${v.planned}</dt><dd>${text(r.planned)}</dd>` : nothing}
          ${r.actual ? html`<dt>${v.actual}</dt><dd>${text(r.actual)}</dd>` : nothing}
          ${r.over_minutes > 0 ? html`<dt>${v.colOver}</dt><dd>${v.minutes(r.over_minutes)}</dd>` : nothing}
          ${r.detected_at !== null ? html`<dt>${v.found}</dt><dd>${timeIn(r.detected_at, lang, this.zone)}</dd>` : nothing}
          <dt>${v.colState}</dt><dd class="state">${v.states[r.resolution]}${r.resolved_by ? ` · ${v.resolvedBy(r.resolved_by)}` : ''}</dd>
          ${r.note ? html`<dt>${v.note}</dt><dd class="note">${r.note}</dd>` : nothing}
        </dl>
        ${this.resolving && !this.resolving.bulk
          ? html`<adm-resolve-form class="one-form" .targets=${[r]} .resolution=${this.resolving.resolution}></adm-resolve-form>`
          : html`<div class="buttons">
              <button type="button" class="one-excuse" @click=${() => (this.resolving = { resolution: 'excused', bulk: false })}>${v.excuse}</button>
              <button type="button" class="one-confirm danger" @click=${() => (this.resolving = { resolution: 'confirmed', bulk: false })}>${v.confirm}</button>
            </div>`}
      </div>
      ${this.day.loading ? loadingState() : nothing}
      ${this.day.status === 'error' ? errorState(this.day.error, () => void this.day.run({ employee_id: r.employee_id, date: r.date })) : nothing}
      ${day ? html`<adm-day-bar .day=${day} .statuses=${this.statuses} .zone=${zoneOf(day, this.zone)}></adm-day-bar>` : nothing}
    `;
  }
}

customElements.define('adm-violations', AdmViolations);

declare global {
  interface HTMLElementTagNameMap {
    'adm-violations': AdmViolations;
  }
}
