// <adm-schedule>: the Schedule dialog (1200×760). "Schedule": people x days of a week or a month of a group
// (schedule.get); a day or a selection of days is given a shift, a day off, vacation, sick leave or cleared,
// or a template ("5/2 09:00-18:00"); a week is copied to the next; Save sends every edit in ONE schedule.save
// (all or nothing) and shows each refused day at its cell; "Plan breaks" previews schedule.plan and saves it.
// "Import": a pasted roster grid (schedule-import.ts).
import { LitElement, html, css, nothing } from 'lit';
import type { AdminReply, ScheduleCell } from '../../../../common/admin-api.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcState, RpcWrite } from '../../controllers/rpc-state.ts';
import { t, type Lang } from '../../i18n/locale.ts';
import { pickLanguage } from '../../i18n/server-text.ts';
import { adminTheme } from '../../components/theme.ts';
import { fieldStyles, selectField, textField } from '../../components/fields.ts';
import { pathErrors } from '../../components/field-errors.ts';
import { emptyState, errorState, loadingState, stateStyles } from '../../components/states.ts';
import { showToast } from '../../components/toast.ts';
import { browserZone, dateIn, dateText, zoneOf } from '../../components/zoned-time.ts';
import { AdminError } from '../../rpc-error.ts';
import '../../components/screen-header.ts';
import '../../components/toast.ts';
import {
  applyTemplate,
  cellKey,
  copyWeek,
  isOvernight,
  keyOfPath,
  normalTime,
  parseTemplate,
  periodDates,
  sameAsRead,
  saveChanges,
  shiftEdit,
  shiftPeriod,
  shownCell,
  type CellEdit,
  type Period,
  type ShownCell,
} from './schedule-grid.ts';
import './schedule-import.ts';

type View = 'grid' | 'import';
type Reply = AdminReply<'schedule.get'>;

/** A day's text in the grid: `09:00–18:00`, or the mark of a day off, vacation or sick leave. */
export function cellText(cell: ShownCell): string {
  const s = t().schedule;
  if (!cell) return '';
  if (cell.kind === 'shift') return `${cell.start ?? ''}–${cell.end ?? ''}`;
  return cell.kind === 'off' ? s.off : cell.kind === 'vacation' ? s.vacation : s.sick;
}

export class AdmSchedule extends LitElement {
  static override properties = {
    view: { state: true },
    period: { state: true },
    anchor: { state: true },
    group: { state: true },
    edits: { state: true },
    selected: { state: true },
    shiftStart: { state: true },
    shiftEnd: { state: true },
    templateText: { state: true },
    localErrors: { state: true },
    cellErrors: { state: true },
    conflicts: { state: true },
    planOpen: { state: true },
  };

  static override styles = [
    adminTheme,
    fieldStyles,
    stateStyles,
    css`
      :host { display: block; padding: 0.5rem 0.9rem 1rem; }
      .tabs { display: flex; gap: 0.3rem; margin-bottom: 0.4rem; }
      .tabs button[aria-pressed='true'] { background: var(--wtt-accent); color: var(--wtt-accent-text); border-color: var(--wtt-accent); }
      form.bar { display: flex; flex-wrap: wrap; gap: 0 0.5rem; align-items: flex-end; margin-bottom: 0.3rem; }
      form.bar .field { margin-bottom: 0.3rem; flex: 0 0 9rem; }
      form.bar .field[data-field='group'] { flex: 0 0 12rem; }
      form.bar button { margin-bottom: 0.3rem; }
      .range { font-weight: 600; margin: 0 0.4rem 0.5rem; }
      .wrap { overflow: auto; max-height: 410px; border: 1px solid var(--wtt-line); border-radius: 6px; }
      table.grid { border-collapse: separate; border-spacing: 0; font-size: 12px; width: 100%; table-layout: fixed; }
      .grid th, .grid td { border-right: 1px solid var(--wtt-line); border-bottom: 1px solid var(--wtt-line); padding: 0; text-align: center; }
      .grid thead th { position: sticky; top: 0; background: var(--wtt-page); z-index: 1; font-weight: 600; }
      .grid thead th button, .grid th.who button { all: unset; cursor: pointer; display: block; width: 100%; padding: 0.2rem 0.15rem; box-sizing: border-box; }
      .grid th.who { position: sticky; left: 0; background: var(--wtt-bg); text-align: left; width: 11rem; z-index: 2; }
      .grid thead th.who { z-index: 3; background: var(--wtt-page); }
      .grid th.who .group { display: block; color: var(--wtt-muted); font-weight: 400; font-size: 11px; }
      .grid .weekend { background: #f7f7f9; }
      .grid td button.day { all: unset; box-sizing: border-box; display: block; width: 100%; min-height: 2.3rem; padding: 0.15rem; cursor: pointer; line-height: 1.2; }
      .grid td button.day:focus-visible { outline: 2px solid var(--wtt-focus); outline-offset: -2px; }
      .grid td.shift button.day { background: #e8f0fe; }
      .grid td.off button.day { color: var(--wtt-muted); }
      .grid td.vacation button.day { background: #e6f4ea; color: var(--wtt-ok-text); }
      .grid td.sick button.day { background: #fce8e6; color: var(--wtt-danger); }
      .grid td.edited button.day { box-shadow: inset 0 0 0 2px #f9ab00; }
      .grid td.picked button.day { box-shadow: inset 0 0 0 2px var(--wtt-accent); }
      .grid td.invalid button.day { box-shadow: inset 0 0 0 2px var(--wtt-danger); }
      .grid td .brk { display: block; color: var(--wtt-muted); font-size: 10px; }
      .grid td .err { display: block; color: var(--wtt-danger); font-size: 10px; white-space: normal; }
      .grid.compact td button.day { font-size: 10px; }
      .editor { display: flex; flex-wrap: wrap; gap: 0 0.5rem; align-items: flex-end; border: 1px solid var(--wtt-line); border-radius: 6px; padding: 0.4rem 0.6rem 0.1rem; margin: 0.5rem 0; }
      .editor .field { margin-bottom: 0.3rem; flex: 0 0 6rem; }
      .editor .field[data-field='template'] { flex: 0 0 11rem; }
      .editor button { margin-bottom: 0.4rem; }
      .editor .count { flex-basis: 100%; font-size: 12px; color: var(--wtt-muted); margin: 0 0 0.2rem; }
      .detail { font-size: 12px; margin: 0 0 0.3rem; flex-basis: 100%; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; margin-top: 0.4rem; }
      .actions .count { color: var(--wtt-muted); font-size: 12px; }
      .problems { border: 1px solid var(--wtt-danger); border-radius: 6px; padding: 0.4rem 0.6rem; color: var(--wtt-danger); margin: 0.4rem 0; font-size: 13px; }
      .problems ul, .plan ul { margin: 0.2rem 0 0; padding-left: 1.2rem; }
      .plan { border: 1px solid var(--wtt-line); border-radius: 6px; padding: 0.4rem 0.6rem; margin: 0.4rem 0; font-size: 13px; }
      .plan h2 { font-size: 14px; margin: 0 0 0.3rem; }
      .note { color: var(--wtt-muted); font-size: 12px; margin: 0.3rem 0 0; }
      [hidden] { display: none !important; }
    `,
  ];

  declare view: View;
  declare period: Period;
  /** A date inside the period shown. */
  declare anchor: string;
  declare group: string;
  /** The admin's unsaved days, by cellKey. */
  declare edits: ReadonlyMap<string, CellEdit>;
  declare selected: ReadonlySet<string>;
  declare shiftStart: string;
  declare shiftEnd: string;
  declare templateText: string;
  /** Problems found before any call: start, end, template. */
  declare localErrors: Readonly<Record<string, string>>;
  /** The save's problems, by cellKey. */
  declare cellErrors: ReadonlyMap<string, string>;
  /** Days someone else changed since they were read: cellKey -> the day as it is now. */
  declare conflicts: ReadonlyMap<string, ScheduleCell | null>;
  declare planOpen: boolean;

  private readonly locale = new LocaleController(this);
  private readonly read = new RpcState(this, 'schedule.get');
  private readonly write = new RpcWrite(this, 'schedule.save');
  private readonly planRead = new RpcState(this, 'schedule.plan');
  private readonly planWrite = new RpcWrite(this, 'schedule.plan');
  private zone = browserZone();
  /** The cells as read (and as saved since), by cellKey. */
  private cells = new Map<string, ScheduleCell>();
  /** Where Shift+click selects from. */
  private anchorKey: string | null = null;
  /** The keys of the last batch sent, in its order: a problem's `changes[i]` is keys[i]. */
  private sentKeys: string[] = [];
  /** Edits to stage once the next read comes (a week copied to the next). */
  private pending: Map<string, CellEdit> | null = null;

  constructor() {
    super();
    this.view = 'grid';
    this.period = 'week';
    this.anchor = dateIn(Date.now(), this.zone);
    this.group = '';
    this.edits = new Map();
    this.selected = new Set();
    this.shiftStart = '09:00';
    this.shiftEnd = '18:00';
    this.templateText = '5/2 09:00-18:00';
    this.localErrors = {};
    this.cellErrors = new Map();
    this.conflicts = new Map();
    this.planOpen = false;
    this.addEventListener('adm-imported', (e) => {
      showToast(this, t().schedule.imported((e as CustomEvent<{ written: number }>).detail.written));
      void this.load();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get range(): { from: string; to: string } {
    return periodDates(this.period, this.anchor);
  }

  async load(): Promise<void> {
    const range = this.range;
    const reply = await this.read.run({ ...range, ...(this.group ? { group: this.group } : {}) });
    if (!reply) return;
    this.zone = zoneOf(reply, this.zone);
    this.cells = new Map(reply.cells.map((c) => [cellKey(c.employee_id, c.date), c]));
    this.selected = new Set();
    this.cellErrors = new Map();
    this.conflicts = new Map();
    this.edits = this.pending ?? new Map();
    this.pending = null;
    this.planOpen = false;
  }

  /** Another period or group is read only with nothing unsaved (its controls say so). */
  private get locked(): boolean {
    return this.edits.size > 0;
  }

  private go(step: -1 | 1): void {
    if (this.locked) return;
    this.anchor = shiftPeriod(this.period, this.anchor, step);
    void this.load();
  }

  private shown = (key: string): ShownCell => shownCell(this.cells.get(key), this.edits.get(key));

  private setEdits(changes: ReadonlyMap<string, CellEdit>): void {
    const next = new Map(this.edits);
    const errors = new Map(this.cellErrors);
    for (const [key, edit] of changes) {
      if (sameAsRead(this.cells.get(key), edit)) next.delete(key);
      else next.set(key, edit);
      errors.delete(key);
    }
    this.edits = next;
    this.cellErrors = errors;
  }

  // ---- selection ----

  private clickDay(e: MouseEvent, key: string): void {
    const reply = this.read.value;
    if (!reply) return;
    if (e.shiftKey && this.anchorKey) {
      const people = reply.people.map((p) => p.id);
      const [a, b] = [this.anchorKey, key].map((k) => k.split('|'));
      const rows = [people.indexOf(a[0]), people.indexOf(b[0])].sort((x, y) => x - y);
      const cols = [reply.dates.indexOf(a[1]), reply.dates.indexOf(b[1])].sort((x, y) => x - y);
      const next = new Set<string>();
      for (let r = rows[0]; r <= rows[1]; r++) for (let c = cols[0]; c <= cols[1]; c++) next.add(cellKey(people[r], reply.dates[c]));
      this.selected = next;
      return;
    }
    this.anchorKey = key;
    if (e.ctrlKey || e.metaKey) {
      const next = new Set(this.selected);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      this.selected = next;
    } else this.selected = new Set([key]);
    const day = this.shown(key);
    if (day?.kind === 'shift' && this.selected.size === 1) {
      this.shiftStart = day.start ?? this.shiftStart;
      this.shiftEnd = day.end ?? this.shiftEnd;
    }
  }

  private selectRow(id: string): void {
    this.selected = new Set((this.read.value?.dates ?? []).map((d) => cellKey(id, d)));
  }

  private selectColumn(date: string): void {
    this.selected = new Set((this.read.value?.people ?? []).map((p) => cellKey(p.id, date)));
  }

  // ---- edits ----

  private setShift(): void {
    const s = t().schedule;
    const start = normalTime(this.shiftStart);
    const end = normalTime(this.shiftEnd);
    const errors: Record<string, string> = {};
    if (!start) errors.start = s.badTime;
    if (!end) errors.end = s.badTime;
    if (start && end && start === end) errors.end = s.sameTimes;
    this.localErrors = errors;
    if (!start || !end || start === end) return;
    this.setEdits(new Map([...this.selected].map((key) => [key, shiftEdit(this.shown(key), start, end)])));
  }

  private mark(kind: 'off' | 'vacation' | 'sick' | 'clear'): void {
    this.setEdits(new Map([...this.selected].map((key) => [key, { kind } as CellEdit])));
  }

  private template(): void {
    const template = parseTemplate(this.templateText);
    this.localErrors = template ? {} : { template: t().schedule.badTemplate };
    if (template) this.setEdits(applyTemplate(template, this.selected, this.shown));
  }

  private async copyToNext(): Promise<void> {
    const reply = this.read.value;
    if (!reply || this.period !== 'week' || this.locked) return;
    const staged = copyWeek(
      reply.people.map((p) => p.id),
      this.range.from,
      this.shown,
    );
    this.pending = staged;
    this.anchor = shiftPeriod('week', this.anchor, 1);
    await this.load();
    // Days the next week already holds as copied are no change.
    const keep = new Map([...this.edits].filter(([key, edit]) => !sameAsRead(this.cells.get(key), edit)));
    this.edits = keep;
    showToast(this, t().schedule.copied);
  }

  private async save(): Promise<void> {
    const { keys, changes } = saveChanges(this.edits, (key) => this.conflictVersion(key));
    if (changes.length === 0) return;
    this.sentKeys = keys;
    const reply = await this.write.send({ changes });
    if (!reply) return this.saveFailed();
    for (const key of keys) this.cells.delete(key);
    for (const c of reply.cells) this.cells.set(cellKey(c.employee_id, c.date), c);
    this.edits = new Map();
    this.cellErrors = new Map();
    this.conflicts = new Map();
    showToast(this, t().schedule.saved(reply.written));
  }

  /** The version to send: the day as read, or as a conflict said it is now (saving again puts ours over it). */
  private conflictVersion(key: string): ScheduleCell | undefined {
    if (this.conflicts.has(key)) {
      const now = this.conflicts.get(key);
      return now ?? undefined;
    }
    return this.cells.get(key);
  }

  private saveFailed(): void {
    const error = this.write.error;
    const lang = this.locale.lang;
    const errors = new Map<string, string>();
    const conflicts = new Map<string, ScheduleCell | null>();
    if (error instanceof AdminError && error.code === 'conflict' && Array.isArray(error.details.cells)) {
      for (const c of error.details.cells as { index: number; employee_id: string; date: string; version: string; current: ScheduleCell | null }[]) {
        const key = cellKey(c.employee_id, c.date);
        conflicts.set(key, c.current ? { ...c.current, version: c.current.version ?? c.version } : null);
      }
    } else {
      for (const [path, message] of Object.entries(pathErrors(error, lang))) {
        const key = keyOfPath(path, this.sentKeys);
        if (key && !errors.has(key)) errors.set(key, message);
      }
    }
    this.cellErrors = errors;
    this.conflicts = conflicts;
  }

  private discard(): void {
    this.edits = new Map();
    this.cellErrors = new Map();
    this.conflicts = new Map();
    this.write.reset();
  }

  // ---- planning ----

  private planPayload() {
    const { from, to } = this.range;
    return { from, to, ...(this.group ? { group: this.group } : {}) };
  }

  private async plan(): Promise<void> {
    this.planOpen = true;
    this.planWrite.reset();
    await this.planRead.run({ ...this.planPayload(), commit: false });
  }

  private async commitPlan(): Promise<void> {
    const reply = await this.planWrite.send({ ...this.planPayload(), commit: true });
    if (!reply) return;
    this.planOpen = false;
    showToast(this, t().schedule.planned(reply.written));
    await this.load();
  }

  // ---- drawing ----

  override render() {
    void this.locale;
    const s = t().schedule;
    return html`
      <adm-screen-header page="Schedule"></adm-screen-header>
      <div class="tabs" role="group">
        <button type="button" class="tab-grid" aria-pressed=${this.view === 'grid' ? 'true' : 'false'} @click=${() => (this.view = 'grid')}>${s.editor}</button>
        <button type="button" class="tab-import" aria-pressed=${this.view === 'import' ? 'true' : 'false'} @click=${() => (this.view = 'import')}>${s.importTab}</button>
      </div>
      ${this.renderBar()}
      <div ?hidden=${this.view !== 'grid'}>
        ${this.read.status === 'error' ? errorState(this.read.error, () => void this.load()) : nothing}
        ${this.read.value === undefined && this.read.status !== 'error' ? loadingState() : nothing}
        ${this.read.value ? this.renderGrid(this.read.value) : nothing}
      </div>
      <adm-schedule-import ?hidden=${this.view !== 'import'} .group=${this.group} .anchor=${this.anchor}></adm-schedule-import>
      <adm-toast></adm-toast>
    `;
  }

  private renderBar() {
    const s = t().schedule;
    const groups = this.read.value?.groups.map((g) => g.name) ?? [];
    const { from, to } = this.range;
    const lang = this.locale.lang;
    return html`<form class="bar" novalidate @submit=${(e: Event) => e.preventDefault()}>
      ${this.view === 'grid'
        ? html`${selectField({
              id: 'period',
              label: s.period,
              value: this.period,
              options: [
                { value: 'week', label: s.week },
                { value: 'month', label: s.month },
              ],
              disabled: this.locked,
              onChange: (value) => {
                this.period = value as Period;
                void this.load();
              },
            })}
            <button type="button" class="prev" aria-label=${s.prev} title=${this.locked ? s.saveFirst : s.prev} ?disabled=${this.locked} @click=${() => this.go(-1)}>‹</button>
            <span class="range">${dateText(from, lang, true)} – ${dateText(to, lang, true)}</span>
            <button type="button" class="next" aria-label=${s.next} title=${this.locked ? s.saveFirst : s.next} ?disabled=${this.locked} @click=${() => this.go(1)}>›</button>`
        : nothing}
      ${selectField({
        id: 'group',
        label: s.group,
        value: this.group,
        options: [{ value: '', label: s.allGroups }, ...groups.map((g) => ({ value: g, label: g }))],
        disabled: this.view === 'grid' && this.locked,
        onChange: (value) => {
          this.group = value;
          void this.load();
        },
      })}
    </form>`;
  }

  private renderGrid(reply: Reply) {
    const s = t().schedule;
    const lang = this.locale.lang;
    if (reply.people.length === 0) return emptyState(s.empty);
    const compact = reply.dates.length > 7;
    return html`
      <div class="wrap">
        <table class="grid ${compact ? 'compact' : ''}">
          <thead>
            <tr>
              <th class="who" scope="col">${s.person}</th>
              ${reply.dates.map(
                (d) => html`<th scope="col" class=${weekend(d) ? 'weekend' : ''} data-date=${d}>
                  <button type="button" class="col" @click=${() => this.selectColumn(d)}>${compact ? html`${Number(d.slice(8))}<br />${weekdayText(d, lang)}` : dateText(d, lang, true)}</button>
                </th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${reply.people.map(
              (p) => html`<tr data-id=${p.id}>
                <th class="who" scope="row"><button type="button" class="row" @click=${() => this.selectRow(p.id)}>${p.name}<span class="group">${p.group}</span></button></th>
                ${reply.dates.map((d) => this.renderCell(cellKey(p.id, d), d, compact))}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${this.renderEditor(reply)}
      ${this.renderProblems(reply)}
      ${reply.issues.length > 0
        ? html`<div class="problems issues">${s.issues}<ul>${reply.issues.map((i) => html`<li>${i.employee_id}, ${i.date}: ${pickLanguage(i.message, lang)}</li>`)}</ul></div>`
        : nothing}
      <div class="actions">
        <button type="button" class="primary save" ?disabled=${this.edits.size === 0 || this.write.loading} @click=${() => void this.save()}>${s.save}</button>
        <button type="button" class="discard" ?disabled=${this.edits.size === 0} @click=${() => this.discard()}>${s.discard}</button>
        <span class="count" aria-live="polite" title=${this.locked ? s.saveFirst : ''}>${this.edits.size > 0 ? s.unsaved(this.edits.size) : ''}</span>
        <span style="flex:1"></span>
        ${this.period === 'week' ? html`<button type="button" class="copy-week" ?disabled=${this.locked} title=${this.locked ? s.saveFirst : ''} @click=${() => void this.copyToNext()}>${s.copyWeek}</button>` : nothing}
        <button type="button" class="plan" ?disabled=${this.edits.size > 0} title=${this.edits.size > 0 ? s.planSaveFirst : ''} @click=${() => void this.plan()}>${s.plan}</button>
      </div>
      ${this.planOpen ? this.renderPlan() : nothing}
      <p class="note">${s.timesIn}</p>
    `;
  }

  private renderCell(key: string, date: string, compact: boolean) {
    const day = this.shown(key);
    const error = this.cellErrors.get(key);
    const conflict = this.conflicts.has(key);
    const classes = [day?.kind ?? 'none', this.edits.has(key) ? 'edited' : '', this.selected.has(key) ? 'picked' : '', error || conflict ? 'invalid' : '', weekend(date) ? 'weekend' : '']
      .filter(Boolean)
      .join(' ');
    const breaks = this.breaksText(day);
    const text = cellText(day);
    return html`<td class=${classes} data-key=${key}>
      <button
        type="button"
        class="day"
        title=${[text, breaks, error ?? ''].filter(Boolean).join('\n')}
        aria-pressed=${this.selected.has(key) ? 'true' : 'false'}
        aria-invalid=${error || conflict ? 'true' : 'false'}
        @click=${(e: MouseEvent) => this.clickDay(e, key)}
      >
        ${compact && day?.kind === 'shift' ? html`${day.start}<br />${day.end}` : text}
        ${!compact && day?.kind === 'shift' && day.breaks.length > 0 ? html`<span class="brk">${day.breaks.map((b) => b.start).join(' · ')}</span>` : nothing}
        ${error ? html`<span class="err">${error}</span>` : nothing}
      </button>
    </td>`;
  }

  private statusName(code: string): string {
    const st = this.read.value?.statuses.find((x) => x.code === code);
    return st ? (this.locale.lang === 'ru' ? st.label_ru : st.label_en) : code;
  }

  private breaksText(day: ShownCell): string {
    if (day?.kind !== 'shift') return '';
    const s = t().schedule;
    return day.breaks.length === 0 ? s.noBreaks : day.breaks.map((b) => s.breakAt(this.statusName(b.status), b.start, b.minutes)).join('; ');
  }

  private renderEditor(reply: Reply) {
    const s = t().schedule;
    const n = this.selected.size;
    const one = n === 1 ? [...this.selected][0] : null;
    const day = one ? this.shown(one) : null;
    const person = one ? reply.people.find((p) => p.id === one.split('|')[0]) : undefined;
    const overnight = normalTime(this.shiftStart) && normalTime(this.shiftEnd) && isOvernight(normalTime(this.shiftStart)!, normalTime(this.shiftEnd)!);
    return html`<form class="editor" novalidate aria-label=${s.selected(n)} @submit=${(e: Event) => e.preventDefault()}>
      <p class="count">${n > 0 ? s.selected(n) : s.pickHint}</p>
      ${one && person
        ? html`<p class="detail">
            <strong>${person.name}, ${dateText(one.split('|')[1], this.locale.lang, true)}:</strong>
            ${day ? (day.kind === 'shift' ? cellText(day) : day.kind === 'off' ? s.offLong : day.kind === 'vacation' ? s.vacationLong : s.sickLong) : s.emptyDay}
            ${day?.kind === 'shift' ? html`<span class="breaks">— ${this.breaksText(day)}</span>` : nothing}
          </p>`
        : nothing}
      ${textField({ id: 'start', label: s.start, value: this.shiftStart, error: this.localErrors.start, placeholder: '09:00', onInput: (v) => (this.shiftStart = v) })}
      ${textField({ id: 'end', label: s.end, value: this.shiftEnd, error: this.localErrors.end, hint: overnight ? s.overnight : undefined, placeholder: '18:00', onInput: (v) => (this.shiftEnd = v) })}
      <button type="button" class="primary set-shift" ?disabled=${n === 0} @click=${() => this.setShift()}>${s.setShift}</button>
      <button type="button" class="mark-off" ?disabled=${n === 0} @click=${() => this.mark('off')}>${s.offLong}</button>
      <button type="button" class="mark-vacation" ?disabled=${n === 0} @click=${() => this.mark('vacation')}>${s.vacationLong}</button>
      <button type="button" class="mark-sick" ?disabled=${n === 0} @click=${() => this.mark('sick')}>${s.sickLong}</button>
      <button type="button" class="mark-clear" ?disabled=${n === 0} @click=${() => this.mark('clear')}>${s.clear}</button>
      ${textField({ id: 'template', label: s.template, value: this.templateText, error: this.localErrors.template, list: 'templates', onInput: (v) => (this.templateText = v) })}
      <datalist id="templates"><option value="5/2 09:00-18:00"></option><option value="2/2 09:00-21:00"></option><option value="2/2 21:00-09:00"></option></datalist>
      <button type="button" class="apply-template" ?disabled=${n === 0} title=${s.templateHint} @click=${() => this.template()}>${s.applyTemplate}</button>
    </form>`;
  }

  private renderProblems(reply: Reply) {
    const s = t().schedule;
    const lang = this.locale.lang;
    const name = (key: string) => {
      const [id, date] = key.split('|');
      return `${reply.people.find((p) => p.id === id)?.name ?? id}, ${dateText(date, lang, true)}`;
    };
    if (this.conflicts.size > 0) {
      return html`<div class="problems conflicts" role="alert">
        ${s.conflictHead}
        <ul>${[...this.conflicts].map(([key, now]) => html`<li>${name(key)}: ${s.nowIs(now ? cellText(shownCell(now, undefined)) : s.emptyDay)}</li>`)}</ul>
      </div>`;
    }
    if (this.write.status !== 'error') return nothing;
    if (this.cellErrors.size > 0) {
      return html`<div class="problems cell-problems" role="alert">
        ${s.problems}
        <ul>${[...this.cellErrors].map(([key, message]) => html`<li>${name(key)}: ${message}</li>`)}</ul>
      </div>`;
    }
    return errorState(this.write.error);
  }

  private renderPlan() {
    const s = t().schedule;
    const lang = this.locale.lang;
    if (this.planRead.status === 'error') return html`<div class="plan">${errorState(this.planRead.error, () => void this.plan())}</div>`;
    const plan = this.planRead.value;
    if (!plan || this.planRead.loading) return html`<div class="plan">${loadingState()}</div>`;
    const changed = plan.shifts.filter((x) => x.changed).length;
    return html`<section class="plan" aria-label=${s.plan}>
      <h2>${s.planHeading(dateText(plan.from, lang), dateText(plan.to, lang))}</h2>
      <ul class="plan-groups">${plan.groups.map((g) => html`<li>${s.planGroup(g.name, g.cap === null ? s.noCap : String(g.cap), g.peak, g.shifts)}</li>`)}</ul>
      <p>${s.planChanged(changed)}</p>
      ${plan.unplaced.length > 0
        ? html`<p>${s.unplaced}</p>
            <ul class="unplaced">
              ${plan.unplaced.map((u) => html`<li>${u.name}, ${dateText(u.date, lang, true)} ${u.start}–${u.end}: ${s.reasons[u.reason] ?? u.reason}${u.message ? html` (${pickLanguage(u.message, lang)})` : nothing}</li>`)}
            </ul>`
        : html`<p>${s.allPlaced}</p>`}
      ${this.planWrite.status === 'error' ? errorState(this.planWrite.error) : nothing}
      <div class="actions">
        <button type="button" class="primary plan-commit" ?disabled=${changed === 0 || this.planWrite.loading} @click=${() => void this.commitPlan()}>${s.planCommit}</button>
        <button type="button" class="plan-close" @click=${() => (this.planOpen = false)}>${s.planClose}</button>
      </div>
    </section>`;
  }
}

function weekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

function weekdayText(date: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

customElements.define('adm-schedule', AdmSchedule);

declare global {
  interface HTMLElementTagNameMap {
    'adm-schedule': AdmSchedule;
  }
}
