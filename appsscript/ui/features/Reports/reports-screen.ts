// <adm-reports>: the Analytics dialog (1200×800). A period (the last 7 days by default; yesterday, last
// week, last month; a day, a week or a month stepped back and forth; typed dates) and a group or everyone
// the viewer may see; reports.summary and reports.series answer the key figures, the charts and the people,
// ranked. A person (a row's click, or the person field) is the same report scoped to them, with their days;
// "Back" returns to the report they were opened from without asking again. The table goes out as CSV, the
// report to a new spreadsheet (reports.export). What the period lacks (today, dates without data, days
// counted before the breakdown was kept) is said above the figures, never left to be guessed.
import { LitElement, html, css, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { AdminReply, Viewer } from '../../../../common/admin-api.ts';
import type { ReportDay, ReportPersonRow, ReportsSeries } from '../../../../common/reports.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcState, RpcWrite } from '../../controllers/rpc-state.ts';
import { t } from '../../i18n/locale.ts';
import { adminTheme } from '../../components/theme.ts';
import { fieldStyles } from '../../components/fields.ts';
import { pathErrors } from '../../components/field-errors.ts';
import { AdminError } from '../../rpc-error.ts';
import { errorState, loadingState, stateStyles } from '../../components/states.ts';
import { normalise, tableView, type SortState } from '../../components/table-view.ts';
import { addDays, browserZone, dateIn, dateText, zoneOf } from '../../components/zoned-time.ts';
import '../../components/screen-header.ts';
import '../../components/data-table.ts';
import { PRESETS, datesOf, daysIn, periodOf, periodProblem, stepAnchor, MAX_DAYS, type Period, type Preset } from './period.ts';
import { countText, minutesText, pctText } from './report-format.ts';
import { kpiStyles, renderKpis } from './kpis.ts';
import { chartsStyles, renderCharts } from './report-charts.ts';
import { DEFAULT_SORT, peopleColumns, ranked } from './people-table.ts';
import { downloadCsv } from './csv-download.ts';

type Summary = AdminReply<'reports.summary'>;
type Scope = { group?: string; employee_id?: string };
type Payload = Period & Scope;

/** What is on screen: the replies for one period and scope. */
interface Shown {
  key: string;
  scopeKey: string;
  payload: Payload;
  summary: Summary;
  /** Null when reports.series failed (the figures and the people still show). */
  series: ReportsSeries | null;
}

/** The person a report is scoped to. */
interface Person {
  employee_id: string;
  name: string;
  group: string;
}

const PAGE_SIZE = 50;

export class AdmReports extends LitElement {
  static override properties = {
    preset: { state: true },
    anchor: { state: true },
    range: { state: true },
    group: { state: true },
    person: { state: true },
    personText: { state: true },
    personError: { state: true },
    query: { state: true },
    sort: { state: true },
    shown: { state: true },
    problem: { state: true },
  };

  static override styles = [
    adminTheme,
    fieldStyles,
    stateStyles,
    kpiStyles,
    chartsStyles,
    css`
      :host { display: block; padding: 0.6rem 0.9rem 1.2rem; }
      form.bar { display: flex; flex-wrap: wrap; gap: 0 0.5rem; align-items: flex-start; margin-bottom: 0.2rem; }
      form.bar .field { margin-bottom: 0.35rem; flex: 0 0 10.5rem; min-width: 0; }
      form.bar .field[data-field='preset'] { flex: 0 0 11.5rem; }
      form.bar .field[data-field='from'], form.bar .field[data-field='to'], form.bar .field[data-field='anchor'] { flex: 0 0 9.6rem; }
      form.bar .field[data-field='group'] { flex: 0 0 12rem; }
      form.bar .field[data-field='person'] { flex: 1 1 12rem; max-width: 18rem; }
      form.bar .steps, form.bar .show { align-self: flex-start; margin-top: calc(1.35em + 0.15rem); display: flex; gap: 0.2rem; }
      form.bar .steps button { min-width: 32px; padding: 0 0.4rem; }
      .line { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3rem 0.8rem; margin: 0.1rem 0 0.5rem; }
      .line .what { font-weight: 600; }
      .line .zone { color: var(--wtt-muted); font-size: 12px; }
      .line .busy { color: var(--wtt-muted); font-size: 12px; }
      .line .exports { margin-left: auto; display: flex; gap: 0.4rem; align-items: center; flex-wrap: wrap; }
      .exported { display: flex; flex-wrap: wrap; gap: 0.2rem 0.6rem; align-items: center; border: 1px solid var(--wtt-line); background: var(--wtt-ok-bg); color: var(--wtt-ok-text); border-radius: 6px; padding: 0.3rem 0.6rem; margin: 0 0 0.5rem; }
      .exported a { color: var(--wtt-accent); font-weight: 600; }
      ul.coverage { margin: 0 0 0.6rem; padding: 0.35rem 0.6rem; border-radius: 6px; background: var(--wtt-warn-bg); color: var(--wtt-warn-text); font-size: 13px; }
      ul.coverage li { list-style: none; }
      ul.coverage li::before { content: '⚠ '; }
      .stale { opacity: 0.55; }
      .person-head { display: flex; align-items: center; gap: 0.8rem; margin: 0 0 0.5rem; }
      .person-head h2 { margin: 0; font-size: 1.1rem; }
      button.link.back { padding: 0.1rem 0; }
      .people-head { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0.3rem 0.8rem; margin: 0 0 0.3rem; }
      .people-head h2 { margin: 0; }
      .people-head .field { margin: 0; flex: 0 0 16rem; }
      .people-head .ranked { flex: 1 1 20rem; margin: 0; color: var(--wtt-muted); font-size: 12px; }
      h2.days { margin: 0.2rem 0 0.4rem; }
      .day-wrap { max-height: 26rem; overflow: auto; border: 1px solid var(--wtt-line); border-radius: 6px; }
      table.days { border-collapse: collapse; width: 100%; font-size: 13px; }
      table.days th, table.days td { padding: 0.25rem 0.45rem; border-bottom: 1px solid var(--wtt-line); text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
      table.days thead th { position: sticky; top: 0; background: var(--wtt-page); font-weight: 600; }
      table.days th:first-child, table.days td.missing { text-align: left; }
      table.days tr.missing { color: var(--wtt-muted); }
      [hidden] { display: none !important; }
    `,
  ];

  declare preset: Preset;
  /** Any date of the day, week or month picked. */
  declare anchor: string;
  /** The dates typed for "Dates…". */
  declare range: Period;
  /** '' = everyone the viewer may see. */
  declare group: string;
  declare person: Person | null;
  declare personText: string;
  declare personError: string;
  declare query: string;
  declare sort: SortState;
  declare shown: Shown | null;
  /** What is wrong with the period chosen (nothing is asked until it is right). */
  declare problem: ReturnType<typeof periodProblem>;

  private readonly locale = new LocaleController(this);
  private readonly summaryCall = new RpcState(this, 'reports.summary');
  private readonly seriesCall = new RpcState(this, 'reports.series');
  private readonly exportCall = new RpcWrite(this, 'reports.export');
  /** The spreadsheet's zone once a reply says it; the browser's until then. */
  private zone = browserZone();
  private viewer: Viewer | null = null;
  /** The key of the newest request: an older one answering late is dropped. */
  private asked = '';
  /** The report a person was opened from, for the way back. */
  private previous: { group: string; shown: Shown | null; query: string; sort: SortState } | null = null;
  /** The report an export was made of; its link shows only while that report does. */
  private exportedKey = '';

  constructor() {
    super();
    const today = this.today();
    this.preset = 'last7';
    this.anchor = addDays(today, -1);
    this.range = periodOf('last7', today, this.anchor, { from: '', to: '' });
    this.group = '';
    this.person = null;
    this.personText = '';
    this.personError = '';
    this.query = '';
    this.sort = DEFAULT_SORT;
    this.shown = null;
    this.problem = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private today(): string {
    return dateIn(Date.now(), this.zone);
  }

  period(): Period {
    return periodOf(this.preset, this.today(), this.anchor, this.range);
  }

  private scope(): Scope {
    if (this.person) return { employee_id: this.person.employee_id };
    return this.group ? { group: this.group } : {};
  }

  async load(): Promise<void> {
    const period = this.period();
    this.problem = periodProblem(period);
    if (this.problem) return;
    const scope = this.scope();
    const payload: Payload = { ...period, ...scope };
    const key = JSON.stringify(payload);
    this.asked = key;
    const [summary, series] = await Promise.all([this.summaryCall.run(payload), this.seriesCall.run(payload)]);
    if (this.asked !== key) return;
    const reply = summary ?? series;
    if (reply) {
      const zone = zoneOf(reply, this.zone);
      if (zone !== this.zone) {
        // The presets are the spreadsheet's days: ask again if its "yesterday" is another date.
        this.zone = zone;
        const again = this.period();
        if (again.from !== period.from || again.to !== period.to) return this.load();
      }
    }
    if (!summary) return;
    this.viewer = summary.viewer;
    this.shown = { key, scopeKey: JSON.stringify(scope), payload, summary, series: series ?? null };
    // A failed export was of the report before: its message would now be about nothing on screen.
    if (this.exportCall.status === 'error') this.exportCall.reset();
  }

  /** reports.series again, after it failed while the summary came. */
  private async retrySeries(): Promise<void> {
    const shown = this.shown;
    if (!shown) return;
    const series = await this.seriesCall.run(shown.payload);
    if (series && this.shown?.key === shown.key) this.shown = { ...shown, series };
  }

  private choosePreset(preset: Preset): void {
    this.preset = preset;
    if (preset === 'range') {
      // Start from the dates shown, so "Dates…" is a small change away.
      const shown = this.shown?.payload;
      if (shown) this.range = { from: shown.from, to: shown.to };
      this.problem = null;
      return;
    }
    if (preset === 'day' || preset === 'week' || preset === 'month') this.anchor = this.shown?.payload.to ?? this.anchor;
    void this.load();
  }

  private setAnchor(value: string, month = false): void {
    if (!value) return;
    this.anchor = month ? `${value}-01` : value;
    void this.load();
  }

  private step(dir: -1 | 1): void {
    this.anchor = stepAnchor(this.preset, this.anchor, dir);
    void this.load();
  }

  private chooseGroup(group: string): void {
    this.group = group;
    this.person = null;
    this.personText = '';
    this.personError = '';
    this.previous = null;
    void this.load();
  }

  /** The people a name may be picked from: those of the report a person was opened from, or of this one. */
  private candidates(): ReportPersonRow[] {
    const from = this.person ? this.previous?.shown : this.shown;
    return from?.summary.rows ?? [];
  }

  /** The person a typed text names: a name, or "name (group)" where two share a name. */
  private personNamed(text: string): ReportPersonRow | null {
    const want = normalise(text);
    if (!want) return null;
    const found = this.candidates().filter((p) => normalise(p.name) === want || normalise(`${p.name} (${p.group})`) === want);
    return found.length === 1 ? found[0] : null;
  }

  private typePerson(text: string, commit: boolean): void {
    this.personText = text;
    this.personError = '';
    const match = this.personNamed(text);
    if (match) {
      if (match.employee_id !== this.person?.employee_id) this.openPerson(match);
      return;
    }
    if (!commit) return;
    if (text.trim() === '') {
      if (this.person) this.back();
      return;
    }
    this.personError = t().reports.noSuchPerson;
  }

  openPerson(row: Person): void {
    if (!this.person) this.previous = { group: this.group, shown: this.shown, query: this.query, sort: this.sort };
    this.person = { employee_id: row.employee_id, name: row.name, group: row.group };
    this.personText = row.name;
    this.personError = '';
    void this.load();
  }

  back(): void {
    const previous = this.previous;
    this.person = null;
    this.personText = '';
    this.personError = '';
    this.previous = null;
    if (previous) {
      this.group = previous.group;
      this.query = previous.query;
      this.sort = previous.sort;
    }
    const payload: Payload = { ...this.period(), ...this.scope() };
    if (previous?.shown && previous.shown.key === JSON.stringify(payload)) {
      // The same period: the report as it was, without asking again.
      this.asked = previous.shown.key;
      this.summaryCall.reset();
      this.seriesCall.reset();
      this.shown = previous.shown;
      return;
    }
    void this.load();
  }

  /** The table's rows as shown (the search and the sort), all pages. */
  private tableRows(shown: Shown): ReportPersonRow[] {
    const rows = ranked(shown.summary.rows, this.locale.lang);
    return tableView(rows, peopleColumns(this.locale.lang), {
      query: this.query,
      searchText: (p) => `${p.name} ${p.group}`,
      sort: this.sort,
      page: 0,
      pageSize: Math.max(1, rows.length),
      lang: this.locale.lang,
    }).rows;
  }

  private downloadCsv(shown: Shown): void {
    const rows = this.person ? shown.summary.rows : this.tableRows(shown);
    downloadCsv(rows, shown.payload.from, shown.payload.to);
  }

  private async exportSheet(shown: Shown): Promise<void> {
    // Which report the link will be of: set before the reply is drawn.
    this.exportedKey = shown.key;
    await this.exportCall.send({ ...shown.payload, lang: this.locale.lang });
  }

  /** What is shown, if it is of the scope chosen (a person being opened is not the report before). */
  private get current(): Shown | null {
    const shown = this.shown;
    return shown && shown.scopeKey === JSON.stringify(this.scope()) ? shown : null;
  }

  override render() {
    void this.locale;
    const current = this.current;
    const busy = this.summaryCall.loading || this.seriesCall.loading;
    return html`
      <adm-screen-header page="Reports"></adm-screen-header>
      ${this.renderBar()}
      ${this.summaryCall.status === 'error' && !this.serverFieldError('from') && !this.serverFieldError('to') ? this.failure(this.summaryCall.error) : nothing}
      ${current
        ? html`<div class=${busy ? 'stale' : ''} aria-busy=${busy ? 'true' : 'false'}>${this.person ? this.renderPerson(current) : this.renderAll(current)}</div>`
        : this.summaryCall.status === 'error' || this.problem
          ? nothing
          : loadingState()}
    `;
  }

  private renderBar(): TemplateResult {
    const r = t().reports;
    const problem = this.problem;
    const errorOf = (field: 'from' | 'to') =>
      problem?.field === field ? (problem.problem === 'required' ? t().fieldRequired : problem.problem === 'order' ? r.badOrder : r.tooLong(MAX_DAYS)) : (this.serverFieldError(field) ?? '');
    const groups = this.viewer?.groups ?? [];
    const people = this.candidates();
    const dup = new Set(people.map((p) => normalise(p.name)).filter((n, i, all) => all.indexOf(n) !== i));
    const stepper = html`<span class="steps">
      <button type="button" class="earlier" aria-label=${r.earlier} title=${r.earlier} @click=${() => this.step(-1)}>‹</button>
      <button type="button" class="later" aria-label=${r.later} title=${r.later} @click=${() => this.step(1)}>›</button>
    </span>`;
    return html`<form
      class="bar"
      novalidate
      aria-label=${r.period}
      @submit=${(e: Event) => {
        e.preventDefault();
        void this.load();
      }}
    >
      <div class="field" data-field="preset">
        <label for="preset">${r.period}</label>
        <select id="preset" @change=${(e: Event) => this.choosePreset((e.target as HTMLSelectElement).value as Preset)}>
          ${PRESETS.map((p) => html`<option value=${p} ?selected=${p === this.preset}>${r.presets[p]}</option>`)}
        </select>
      </div>
      ${this.preset === 'day' || this.preset === 'week'
        ? html`<div class="field" data-field="anchor">
              <label for="anchor">${this.preset === 'day' ? r.day : r.weekOf}</label>
              <input id="anchor" type="date" .value=${live(this.anchor)} @change=${(e: Event) => this.setAnchor((e.target as HTMLInputElement).value)} />
            </div>
            ${stepper}`
        : nothing}
      ${this.preset === 'month'
        ? html`<div class="field" data-field="anchor">
              <label for="anchor">${r.month}</label>
              <input id="anchor" type="month" .value=${live(this.anchor.slice(0, 7))} @change=${(e: Event) => this.setAnchor((e.target as HTMLInputElement).value, true)} />
            </div>
            ${stepper}`
        : nothing}
      ${this.preset === 'range'
        ? html`${(['from', 'to'] as const).map(
              (f) => html`<div class="field" data-field=${f}>
                <label for=${f}>${r[f]}</label>
                <input
                  id=${f}
                  type="date"
                  .value=${live(this.range[f])}
                  aria-invalid=${errorOf(f) ? 'true' : 'false'}
                  aria-describedby=${errorOf(f) ? `${f}-error` : nothing}
                  @input=${(e: Event) => (this.range = { ...this.range, [f]: (e.target as HTMLInputElement).value })}
                />
                ${errorOf(f) ? html`<p id="${f}-error" class="field-error"><span aria-hidden="true">⚠ </span>${errorOf(f)}</p>` : nothing}
              </div>`,
            )}
            <span class="show"><button type="submit" class="primary">${r.show}</button></span>`
        : nothing}
      <div class="field" data-field="group">
        <label for="group">${r.group}</label>
        <select id="group" @change=${(e: Event) => this.chooseGroup((e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${this.group === ''}>${this.viewer?.role === 'lead' ? r.allMyGroups : r.allGroups}</option>
          ${groups.map((g) => html`<option value=${g} ?selected=${g === this.group}>${g}</option>`)}
        </select>
      </div>
      <div class="field" data-field="person">
        <label for="person">${r.person}</label>
        <input
          id="person"
          type="search"
          list="people"
          autocomplete="off"
          placeholder=${r.personPlaceholder}
          .value=${live(this.personText)}
          aria-invalid=${this.personError ? 'true' : 'false'}
          aria-describedby=${this.personError ? 'person-error' : nothing}
          @input=${(e: InputEvent) => this.typePerson((e.target as HTMLInputElement).value, e.inputType === 'insertReplacementText' || e.inputType === undefined)}
          @change=${(e: Event) => this.typePerson((e.target as HTMLInputElement).value, true)}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            this.typePerson((e.target as HTMLInputElement).value, true);
          }}
        />
        <datalist id="people">
          ${people.map((p) => html`<option value=${dup.has(normalise(p.name)) ? `${p.name} (${p.group})` : p.name}>${p.group}</option>`)}
        </datalist>
        ${this.personError ? html`<p id="person-error" class="field-error"><span aria-hidden="true">⚠ </span>${this.personError}</p>` : nothing}
      </div>
    </form>
    <div class="line">
      <span class="what">${this.rangeText()}</span>
      <span class="zone">${r.zone(this.zone)}</span>
      ${this.summaryCall.loading || this.seriesCall.loading ? html`<span class="busy" role="status">${r.refreshing}</span>` : nothing}
      ${this.current ? this.renderExports(this.current) : nothing}
    </div>
    ${this.renderExported()} `;
  }

  /**
   * A failed read with "Try again". A refusal of the period's dates names no field on screen when they come
   * from a preset ("Check the marked fields" would point at nothing): the problems themselves are said.
   */
  private failure(error: unknown): TemplateResult {
    if (error instanceof AdminError && error.code === 'bad_request' && error.fields.length > 0) {
      const said = [...new Set(Object.values(pathErrors(error, this.locale.lang)))].join(' ');
      return html`<div class="state failed" role="alert">
        <p>${said}</p>
        <button type="button" class="retry" @click=${() => void this.load()}>${t().retry}</button>
      </div>`;
    }
    return errorState(error, () => void this.load());
  }

  /** A problem the server found with a typed date (a period too far back), shown at that date. */
  private serverFieldError(field: 'from' | 'to'): string | undefined {
    return this.preset === 'range' && this.summaryCall.status === 'error' ? pathErrors(this.summaryCall.error, this.locale.lang)[field] : undefined;
  }

  private rangeText(): string {
    const p = this.period();
    if (periodProblem(p)) return '';
    const lang = this.locale.lang;
    const year = (d: string) => `${dateText(d, lang)} ${d.slice(0, 4)}`;
    return t().reports.range(p.from.slice(0, 4) === p.to.slice(0, 4) && p.from !== p.to ? dateText(p.from, lang) : year(p.from), year(p.to));
  }

  private renderExports(shown: Shown): TemplateResult {
    const r = t().reports;
    return html`<span class="exports">
      <button type="button" class="csv" ?disabled=${shown.summary.rows.length === 0} @click=${() => this.downloadCsv(shown)}>${r.csv}</button>
      <button type="button" class="export" ?disabled=${this.exportCall.loading} @click=${() => void this.exportSheet(shown)}>
        ${this.exportCall.loading ? r.exporting : r.exportSheet}
      </button>
    </span>`;
  }

  private renderExported(): TemplateResult | typeof nothing {
    const r = t().reports;
    const shown = this.shown;
    if (this.exportCall.status === 'error') return errorState(this.exportCall.error, shown ? () => void this.exportSheet(shown) : undefined);
    const done = this.exportCall.value;
    if (!done || this.exportCall.status !== 'ok' || !shown || this.exportedKey !== shown.key) return nothing;
    return html`<p class="exported" role="status">
      <span>${r.exported(done.rows)}</span>
      <a href=${done.url} target="_blank" rel="noopener noreferrer">${`${r.openReport}: ${done.name}`}</a>
    </p>`;
  }

  private renderCoverage(shown: Shown): TemplateResult | typeof nothing {
    const notes = this.coverageNotes(shown);
    if (notes.length === 0) return nothing;
    return html`<ul class="coverage" role="status">${notes.map((n) => html`<li>${n}</li>`)}</ul>`;
  }

  /** What the report could not count: today and later, dates without data, days without the breakdown, unreadable archives. */
  private coverageNotes(shown: Shown): string[] {
    const r = t().reports;
    const c = shown.summary.coverage;
    const notes: string[] = [];
    const asked = daysIn(shown.payload.from, shown.payload.to);
    if (c.dates === 0) notes.push(r.nothingYet);
    else if (c.dates < asked) notes.push(r.notYet);
    if (c.dates > 0 && (c.dates_with_data === 0 || shown.summary.totals.days === 0)) notes.push(r.noDataAtAll);
    else if (c.dates_with_data < c.dates) notes.push(r.missingDates(c.dates - c.dates_with_data, c.dates));
    if (c.without_breakdown > 0) notes.push(r.withoutBreakdown(c.without_breakdown));
    // An older script's answer has no such field.
    const lost = c.unavailable_months ?? [];
    if (lost.length > 0) notes.push(r.unavailableMonths(lost.join(', ')));
    return notes;
  }

  /** The dates the charts have a place for: the period's, up to the last one that can have data. */
  private chartDates(shown: Shown): string[] {
    const c = shown.summary.coverage;
    return c.dates > 0 ? datesOf(shown.payload.from, addDays(shown.payload.from, c.dates - 1)) : [];
  }

  private renderCharts(shown: Shown, person: boolean): TemplateResult {
    return renderCharts({
      summary: shown.summary,
      series: shown.series,
      dates: this.chartDates(shown),
      lang: this.locale.lang,
      person,
      seriesProblem:
        this.seriesCall.status === 'error'
          ? html`<div class="chart wide">${errorState(this.seriesCall.error, () => void this.retrySeries())}</div>`
          : undefined,
    });
  }

  private renderAll(shown: Shown): TemplateResult {
    const r = t().reports;
    const lang = this.locale.lang;
    const s = shown.summary;
    // Nothing counted: the note says so; a wall of zeros would only look like a result.
    if (s.totals.days === 0) return html`${this.renderCoverage(shown)}`;
    return html`
      ${this.renderCoverage(shown)}
      ${renderKpis(s.totals, lang, { people: s.rows.length, datesWithData: s.coverage.dates_with_data })}
      ${this.renderCharts(shown, false)}
      <section class="people" aria-label=${r.people}>
        <div class="people-head">
          <h2>${r.people} <span class="muted">(${countText(s.rows.length, lang)})</span></h2>
          <div class="field" data-field="search">
            <label for="search" class="visually-hidden">${r.search}</label>
            <input id="search" type="search" placeholder=${r.search} .value=${live(this.query)} @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} />
          </div>
          <p class="ranked">${r.ranked}</p>
        </div>
        <adm-data-table
          class="people"
          .rows=${ranked(s.rows, lang)}
          .columns=${peopleColumns(lang)}
          .rowKey=${(p: ReportPersonRow) => p.employee_id}
          .searchText=${(p: ReportPersonRow) => `${p.name} ${p.group}`}
          .query=${this.query}
          .sort=${this.sort}
          .pageSize=${PAGE_SIZE}
          .caption=${r.people}
          .emptyText=${r.emptyPeople}
          @adm-sort=${(e: CustomEvent<SortState>) => (this.sort = e.detail)}
          @adm-row-open=${(e: CustomEvent<ReportPersonRow>) => {
            e.stopPropagation();
            this.openPerson(e.detail);
          }}
        ></adm-data-table>
      </section>
    `;
  }

  private renderPerson(shown: Shown): TemplateResult {
    const r = t().reports;
    const lang = this.locale.lang;
    const person = this.person as Person;
    const s = shown.summary;
    const group = this.previous?.group ?? '';
    return html`
      <div class="person-head">
        <button type="button" class="link back" @click=${() => this.back()}>← ${group ? r.backToGroup(group) : r.backToAll}</button>
        <h2>${r.personHeading(person.name, s.rows[0]?.group ?? person.group)}</h2>
      </div>
      ${this.renderCoverage(shown)}
      ${s.totals.days === 0
        ? nothing
        : html`${renderKpis(s.totals, lang, { people: null, datesWithData: s.coverage.dates_with_data })}${this.renderCharts(shown, true)}${shown.series
            ? this.renderDays(shown, shown.series)
            : nothing}`}
    `;
  }

  private renderDays(shown: Shown, series: ReportsSeries): TemplateResult {
    const r = t().reports;
    const lang = this.locale.lang;
    const min = (m: number) => minutesText(m, lang);
    const byDate = new Map<string, ReportDay>(series.days.map((d) => [d.date, d]));
    const dates = this.chartDates(shown);
    const columns = [r.colScheduled, r.colWorked, r.colBreaks, r.colLunch, r.colMeetings, r.colAdherence, r.colConformance, r.colOverruns, r.colViolations];
    return html`<section class="days" aria-label=${r.daysHeading}>
      <h2 class="days">${r.daysHeading}</h2>
      <div class="day-wrap">
        <table class="days">
          <caption class="visually-hidden">${r.daysHeading}</caption>
          <thead><tr><th scope="col">${r.colDate}</th>${columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
          <tbody>
            ${dates.map((date) => {
              const d = byDate.get(date);
              const name = dateText(date, lang, true);
              if (!d) return html`<tr class="missing" data-date=${date}><th scope="row">${name}</th><td class="missing" colspan=${columns.length}>${r.noData}</td></tr>`;
              const k = d.minutes_by_kind;
              const violations = Object.values(d.violations_by_type).reduce((a, b) => a + b, 0);
              return html`<tr data-date=${date}>
                <th scope="row">${name}</th>
                <td>${min(d.scheduled_min)}</td>
                <td>${min(d.worked_min)}</td>
                <td>${min(k.break)}</td>
                <td>${min(k.lunch)}</td>
                <td>${min(k.meeting + k.training)}</td>
                <td>${pctText(d.adherence_pct, lang)}</td>
                <td>${pctText(d.conformance_pct, lang)}</td>
                <td>${countText(d.overruns, lang)}</td>
                <td>${countText(violations, lang)}</td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
    </section>`;
  }
}

customElements.define('adm-reports', AdmReports);

declare global {
  interface HTMLElementTagNameMap {
    'adm-reports': AdmReports;
  }
}
