// <adm-schedule>: the Schedule dialog (1200×760). "Schedule": people x days of a week or a month of a group
// (schedule.get); a day or a selection of days is given a shift, a day off, vacation, sick leave or cleared,
// or a template ("5/2 09:00-18:00"); a week is copied to the next; Save sends every edit in ONE schedule.save
// (all or nothing) and shows each refused day at its cell; "Plan breaks" previews schedule.plan and saves it.
// One shift selected, its breaks are listed and edited by hand (a changed break is fixed: the planner keeps
// it); those edits are days' edits like any other, in the same batch and the same undo.
// "Import": a pasted roster grid (schedule-import.ts).
import { LitElement, html, css, nothing, svg } from 'lit';
import { live } from 'lit/directives/live.js';
import type { AdminReply, ScheduleBreak, ScheduleCell } from '../../../../common/admin-api.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcState, RpcWrite } from '../../controllers/rpc-state.ts';
import { t, type Lang } from '../../i18n/locale.ts';
import { fieldMessage, pickLanguage } from '../../i18n/server-text.ts';
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
  addBreak,
  applyTemplate,
  breakIssues,
  cellKey,
  changeBreak,
  copyWeek,
  isOvernight,
  keyOfPath,
  MAX_BREAK_MINUTES,
  moveTime,
  MAX_BREAKS,
  normalTime,
  nudgeBreak,
  parseTemplate,
  periodDates,
  placeProblems,
  releaseBreak,
  removeBreak,
  sameAsRead,
  saveChanges,
  shiftEdit,
  shiftOrder,
  shiftPeriod,
  shownCell,
  type BreakIssue,
  type CellEdit,
  type Period,
  type ShownCell,
  type ShownShift,
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

/** A pushpin: a break fixed by hand (the planner never moves it). */
const PIN = svg`<svg class="pin" viewBox="0 0 10 12" aria-hidden="true" focusable="false"><circle cx="5" cy="4" r="3.4"></circle><path d="M5 7v5" stroke-width="1.6"></path></svg>`;
/** How many breaks a month's narrow cell marks one by one (more are counted). */
const MARKS = 4;

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
    breakErrors: { state: true },
    conflicts: { state: true },
    planOpen: { state: true },
  };

  static override styles = [
    adminTheme,
    fieldStyles,
    stateStyles,
    css`
      /* The dialog's height is shared out: the grid takes what the editor below it leaves (a shift's breaks
         make the editor taller), so Save stays in view; only past the grid's least height does the view scroll. */
      :host { display: flex; flex-direction: column; height: 100vh; box-sizing: border-box; padding: 0.5rem 0.9rem 0.6rem; }
      .view { flex: 1 1 auto; min-height: 0; display: flex; flex-direction: column; overflow: auto; }
      .view > * { flex: none; }
      adm-schedule-import { flex: 1 1 auto; min-height: 0; overflow: auto; }
      .tabs { display: flex; gap: 0.3rem; margin-bottom: 0.4rem; }
      .tabs button[aria-pressed='true'] { background: var(--wtt-accent); color: var(--wtt-accent-text); border-color: var(--wtt-accent); }
      form.bar { display: flex; flex-wrap: wrap; gap: 0 0.5rem; align-items: flex-end; margin-bottom: 0.3rem; }
      form.bar .field { margin-bottom: 0.3rem; flex: 0 0 9rem; }
      form.bar .field[data-field='group'] { flex: 0 0 12rem; }
      form.bar button { margin-bottom: 0.3rem; }
      .range { font-weight: 600; margin: 0 0.4rem 0.5rem; }
      .view > .wrap { flex: 0 1 auto; min-height: 8rem; overflow: auto; border: 1px solid var(--wtt-line); border-radius: 6px; }
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
      .grid td .brk > span { white-space: nowrap; }
      .grid td .brk .fixed { color: var(--wtt-text); }
      .grid td .marks { display: flex; justify-content: center; align-items: center; gap: 2px; height: 10px; margin-top: 1px; color: var(--wtt-muted); font-size: 9px; }
      .grid td .marks .dot { width: 5px; height: 5px; border-radius: 50%; background: #8a94a0; }
      svg.pin { width: 7px; height: 9px; fill: var(--wtt-accent); stroke: var(--wtt-accent); vertical-align: -1px; margin-right: 1px; }
      .marks svg.pin { width: 6px; height: 8px; margin: 0; }
      .grid td .err { display: block; color: var(--wtt-danger); font-size: 10px; white-space: normal; }
      .grid.compact td button.day { font-size: 10px; }
      .editor { display: flex; flex-wrap: wrap; gap: 0 0.5rem; align-items: flex-end; border: 1px solid var(--wtt-line); border-radius: 6px; padding: 0.4rem 0.6rem 0.1rem; margin: 0.5rem 0; }
      .editor .field { margin-bottom: 0.3rem; flex: 0 0 6rem; }
      .editor .field[data-field='template'] { flex: 0 0 11rem; }
      .editor button { margin-bottom: 0.4rem; }
      .editor .count { flex-basis: 100%; font-size: 12px; color: var(--wtt-muted); margin: 0 0 0.2rem; }
      /* One line: with the breaks listed below, the sentence is a summary (whole in its title). */
      .detail { font-size: 12px; margin: 0 0 0.3rem; flex-basis: 100%; min-width: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; margin-top: 0.4rem; }
      .actions .count { color: var(--wtt-muted); font-size: 12px; }
      .problems { border: 1px solid var(--wtt-danger); border-radius: 6px; padding: 0.4rem 0.6rem; color: var(--wtt-danger); margin: 0.4rem 0; font-size: 13px; }
      .problems ul, .plan ul { margin: 0.2rem 0 0; padding-left: 1.2rem; }
      .plan { border: 1px solid var(--wtt-line); border-radius: 6px; padding: 0.4rem 0.6rem; margin: 0.4rem 0; font-size: 13px; }
      .plan h2 { font-size: 14px; margin: 0 0 0.3rem; }
      .note { color: var(--wtt-muted); font-size: 12px; margin: 0.3rem 0 0; }
      .note .key { margin-left: 1rem; white-space: nowrap; }
      .note .dot { display: inline-block; width: 5px; height: 5px; border-radius: 50%; background: #8a94a0; vertical-align: 1px; margin-right: 2px; }
      fieldset.breaks { flex-basis: 100%; border: none; border-top: 1px solid var(--wtt-line); margin: 0.2rem 0 0.3rem; padding: 0.3rem 0 0; min-width: 0; }
      fieldset.breaks legend { font-weight: 600; font-size: 13px; padding: 0 0.3rem 0 0; }
      table.brks { border-collapse: collapse; font-size: 13px; }
      table.brks th { font-size: 12px; font-weight: 600; color: var(--wtt-muted); text-align: left; padding: 0 0.5rem 0.1rem 0; }
      table.brks td { padding: 0.1rem 0.5rem 0.1rem 0; vertical-align: middle; white-space: nowrap; }
      table.brks td.n { color: var(--wtt-muted); font-size: 12px; text-align: right; padding-right: 0.4rem; }
      table.brks select { width: 9rem; }
      table.brks input.start { width: 4.8rem; font-variant-numeric: tabular-nums; }
      table.brks select, table.brks input, table.brks button { min-height: 28px; padding-top: 0.1rem; padding-bottom: 0.1rem; }
      table.brks button.link { min-height: 0; }
      table.brks input.minutes { width: 4.8rem; }
      table.brks .nudge { min-width: 2.3rem; padding: 0.25rem 0.3rem; font-variant-numeric: tabular-nums; }
      table.brks .placed { display: inline-flex; align-items: center; gap: 0.25rem; min-width: 12rem; }
      table.brks .placed.fixed { color: var(--wtt-text); font-weight: 600; }
      table.brks .placed.planned { color: var(--wtt-muted); }
      table.brks .placed svg.pin { width: 9px; height: 11px; }
      table.brks .placed .dot { display: inline-block; width: 7px; height: 7px; border-radius: 50%; background: #8a94a0; }
      table.brks tr.problem td { padding-top: 0; }
      table.brks tr.has-problem td { padding-bottom: 0; }
      table.brks .brk-error { color: var(--wtt-danger); font-size: 12px; font-weight: 600; margin: 0 0 0.2rem; white-space: normal; }
      .brks-foot { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3rem 0.8rem; margin-top: 0.3rem; }
      .brks-foot button, table.brks button { margin: 0; }
      .brks-foot .hint, fieldset.breaks .none { color: var(--wtt-muted); font-size: 12px; margin: 0; }
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
  /** The save's problems at a break: by cellKey, then the break's index in the day's breaks. */
  declare breakErrors: ReadonlyMap<string, ReadonlyMap<number, string>>;
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
  /** The last batch sent: a problem at `changes[i].breaks` is placed by the breaks as they were sent. */
  private sentChanges: readonly { breaks?: readonly ScheduleBreak[] }[] = [];
  /** Edits to stage once the next read comes (a week copied to the next). */
  private pending: Map<string, CellEdit> | null = null;
  /** The unsaved edits as they were before each change, newest last: Undo steps back through them. */
  private history: ReadonlyMap<string, CellEdit>[] = [];

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
    this.breakErrors = new Map();
    this.conflicts = new Map();
    this.planOpen = false;
    this.addEventListener('keydown', (e) => this.undoKey(e));
    this.addEventListener('adm-imported', (e) => {
      showToast(this, t().schedule.imported((e as CustomEvent<{ written: number }>).detail.written));
      void this.load();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override updated(changed: Map<PropertyKey, unknown>): void {
    // A shift's breaks open under the grid, or problems are listed, and the grid gets shorter: the day picked
    // stays in sight.
    if ((changed.has('selected') || changed.has('cellErrors')) && this.selected.size === 1) {
      const [key] = this.selected;
      this.renderRoot.querySelector<HTMLElement>(`td[data-key="${key}"]`)?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    }
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
    this.breakErrors = new Map();
    this.conflicts = new Map();
    this.edits = this.pending ?? new Map();
    this.pending = null;
    this.history = [];
    // Another period or group starts at its first row and day, not where the last one was scrolled to.
    this.renderRoot.querySelector<HTMLElement>('.wrap')?.scrollTo?.(0, 0);
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
    for (const [key, edit] of changes) {
      if (sameAsRead(this.cells.get(key), edit)) next.delete(key);
      else next.set(key, edit);
    }
    this.replaceEdits(next, changes.keys());
  }

  /** The edits become `next` (a step Undo can take back); the problems of the days touched go. */
  private replaceEdits(next: Map<string, CellEdit>, touched: Iterable<string>): void {
    if (sameEdits(next, this.edits)) return;
    this.history = [...this.history.slice(-99), this.edits];
    this.edits = next;
    this.forgetProblems(touched);
  }

  private forgetProblems(keys: Iterable<string>): void {
    const errors = new Map(this.cellErrors);
    const at = new Map(this.breakErrors);
    for (const key of keys) {
      errors.delete(key);
      at.delete(key);
    }
    this.cellErrors = errors;
    this.breakErrors = at;
  }

  /** Back to the unsaved edits as they were before the last change (a discard too). */
  private undo(): void {
    const previous = this.history.at(-1);
    if (!previous) return;
    this.history = this.history.slice(0, -1);
    const touched = new Set([...this.edits.keys(), ...previous.keys()].filter((key) => this.edits.get(key) !== previous.get(key)));
    this.edits = new Map(previous);
    this.forgetProblems(touched);
  }

  /** Ctrl+Z outside a text box (there it undoes the typing, as everywhere). */
  private undoKey(e: KeyboardEvent): void {
    if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'z' || this.view !== 'grid') return;
    const target = e.composedPath()[0];
    if (target instanceof HTMLElement && (target.matches('input, textarea, select') || target.isContentEditable)) return;
    if (this.history.length === 0) return;
    e.preventDefault();
    this.undo();
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
    if (this.refuseBadBreaks()) return;
    const { keys, changes } = saveChanges(this.edits, (key) => this.conflictVersion(key));
    if (changes.length === 0) return;
    this.sentKeys = keys;
    this.sentChanges = changes;
    const reply = await this.write.send({ changes });
    if (!reply) return this.saveFailed();
    for (const key of keys) this.cells.delete(key);
    for (const c of reply.cells) this.cells.set(cellKey(c.employee_id, c.date), c);
    this.edits = new Map();
    this.history = [];
    this.cellErrors = new Map();
    this.breakErrors = new Map();
    this.conflicts = new Map();
    showToast(this, t().schedule.saved(reply.written));
  }

  /**
   * Breaks the server would refuse (outside the shift, overlapping, no time, bad minutes) are shown at their
   * rows and their days before any call: true when there were some (nothing is sent).
   */
  private refuseBadBreaks(): boolean {
    const errors = new Map<string, string>();
    const atBreaks = new Map<string, Map<number, string>>();
    for (const [key, edit] of this.edits) {
      if (edit.kind !== 'shift' || !edit.start || !edit.end) continue;
      const breaks = edit.breaks ?? [];
      const issues = breakIssues(breaks, edit.start, edit.end);
      if (issues.size === 0) continue;
      const at = new Map<number, string>();
      for (const [i, issue] of issues) at.set(i, this.issueText(issue, breaks));
      atBreaks.set(key, at);
      const [first] = [...shiftOrder(breaks, edit.start), ...breaks.keys()].filter((i) => at.has(i));
      errors.set(key, t().schedule.brk.inCell(this.breakName(breaks[first]), at.get(first)!));
    }
    if (errors.size === 0) return false;
    this.write.reset();
    this.conflicts = new Map();
    this.cellErrors = errors;
    this.breakErrors = atBreaks;
    this.showBreaksOf(atBreaks);
    return true;
  }

  /** A day whose breaks have problems is selected, so its rows with the problems are in view. */
  private showBreaksOf(atBreaks: ReadonlyMap<string, unknown>): void {
    if (atBreaks.size === 0) return;
    const one = this.selected.size === 1 ? [...this.selected][0] : null;
    if (!one || !atBreaks.has(one)) {
      const first = [...atBreaks.keys()].sort()[0];
      this.selected = new Set([first]);
      this.anchorKey = first;
    }
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('fieldset.breaks [aria-invalid="true"]')?.focus());
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
    let atBreaks = new Map<string, Map<number, string>>();
    const conflicts = new Map<string, ScheduleCell | null>();
    if (error instanceof AdminError && error.code === 'conflict' && Array.isArray(error.details.cells)) {
      for (const c of error.details.cells as { index: number; employee_id: string; date: string; version: string; current: ScheduleCell | null }[]) {
        const key = cellKey(c.employee_id, c.date);
        conflicts.set(key, c.current ? { ...c.current, version: c.current.version ?? c.version } : null);
      }
    } else if (error instanceof AdminError && error.fields.length > 0) {
      const placed = placeProblems(error.fields, this.sentKeys, this.sentChanges, (message) => fieldMessage(message, lang));
      for (const [key, message] of placed.cells) errors.set(key, message);
      atBreaks = placed.breaks;
    } else {
      for (const [path, message] of Object.entries(pathErrors(error, lang))) {
        const key = keyOfPath(path, this.sentKeys);
        if (key && !errors.has(key)) errors.set(key, message);
      }
    }
    this.cellErrors = errors;
    this.breakErrors = atBreaks;
    this.conflicts = conflicts;
    this.showBreaksOf(atBreaks);
  }

  /** Every unsaved edit goes; Undo brings them back. */
  private discard(): void {
    this.replaceEdits(new Map(), this.edits.keys());
    this.cellErrors = new Map();
    this.breakErrors = new Map();
    this.conflicts = new Map();
    this.write.reset();
  }

  // ---- a shift's breaks ----

  /** The one shift selected, as shown (its breaks edited by hand), or null. */
  private get oneShift(): { key: string; day: ShownShift } | null {
    if (this.selected.size !== 1) return null;
    const [key] = this.selected;
    const day = this.shown(key);
    return day?.kind === 'shift' && day.start && day.end ? { key, day: day as ShownShift } : null;
  }

  private editBreaks(make: (day: ShownShift) => CellEdit, focus?: string): void {
    const one = this.oneShift;
    if (!one) return;
    this.setEdits(new Map([[one.key, make(one.day)]]));
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(focus)?.focus());
  }

  private addBreak(): void {
    const statuses = this.read.value?.statuses ?? [];
    const status = (statuses.find((x) => x.kind === 'break') ?? statuses[0])?.code ?? 'break';
    let index = 0;
    this.editBreaks((day) => {
      const added = addBreak(day, status, 15);
      index = added.index;
      return added.edit;
    });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#brk-start-${index}`)?.focus());
  }

  /** ↑ / ↓ in a break's start: 5 minutes later / earlier, from the time as typed if it is one. */
  private nudgeKey(e: KeyboardEvent, index: number): void {
    if ((e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    const input = e.target as HTMLInputElement;
    const from = normalTime(input.value) ?? normalTime(this.oneShift?.day.breaks[index]?.start ?? '');
    if (!from) return;
    const start = moveTime(from, e.key === 'ArrowUp' ? 5 : -5);
    // At once, so a held key counts on from here before the dialog has drawn the last step.
    input.value = start;
    this.editBreaks((day) => changeBreak(day, index, { start }));
  }

  private removeBreak(index: number): void {
    const left = (this.oneShift?.day.breaks.length ?? 1) - 1;
    // The focus stays in the list: on the row that takes this one's place, or on "Add a break".
    this.editBreaks((day) => removeBreak(day, index), left > 0 ? `#brk-remove-${Math.min(index, left - 1)}` : 'button.add-break');
  }

  private breakName(b: ScheduleBreak | undefined): string {
    return b ? `${this.statusName(b.status)} ${b.start}` : '';
  }

  private issueText(issue: BreakIssue, breaks: readonly ScheduleBreak[]): string {
    const s = t().schedule.brk;
    switch (issue.kind) {
      case 'time':
        return s.badTime;
      case 'minutes':
        return s.badMinutes(MAX_BREAK_MINUTES);
      case 'status':
        return s.noStatus;
      case 'outside':
        return s.outside;
      case 'overlap':
        return s.overlaps(this.breakName(breaks[issue.other]));
    }
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
      <div class="view" ?hidden=${this.view !== 'grid'}>
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
        <button type="button" class="undo" ?disabled=${this.history.length === 0} title=${s.undoHint} aria-keyshortcuts="Control+Z" @click=${() => this.undo()}>${s.undo}</button>
        <span class="count" aria-live="polite" title=${this.locked ? s.saveFirst : ''}>${this.edits.size > 0 ? s.unsaved(this.edits.size) : ''}</span>
        <span style="flex:1"></span>
        ${this.period === 'week' ? html`<button type="button" class="copy-week" ?disabled=${this.locked} title=${this.locked ? s.saveFirst : ''} @click=${() => void this.copyToNext()}>${s.copyWeek}</button>` : nothing}
        <button type="button" class="plan" ?disabled=${this.edits.size > 0} title=${this.edits.size > 0 ? s.planSaveFirst : ''} @click=${() => void this.plan()}>${s.plan}</button>
      </div>
      ${this.planOpen ? this.renderPlan() : nothing}
      <p class="note">
        ${s.timesIn}
        <span class="key">${PIN} ${s.brk.legendFixed}</span>
        <span class="key"><span class="dot"></span> ${s.brk.legendPlanned}</span>
      </p>
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
        ${day?.kind === 'shift' && day.breaks.length > 0 ? (compact ? this.renderMarks(day) : this.renderBreakTimes(day)) : nothing}
        ${error ? html`<span class="err">${error}</span>` : nothing}
      </button>
    </td>`;
  }

  /** A week's cell: the breaks' starts in shift order, a pin before each fixed by hand. */
  private renderBreakTimes(day: NonNullable<ShownCell>) {
    const order = day.start ? shiftOrder(day.breaks, day.start) : [];
    return html`<span class="brk">${order.map((i, n) => {
      const b = day.breaks[i];
      return html`${n > 0 ? ' ' : ''}<span class=${b.fixed ? 'fixed' : 'planned'}>${b.fixed ? PIN : nothing}${b.start}</span>`;
    })}</span>`;
  }

  /** A month's narrow cell: a mark per break (a pin if fixed, a dot if the planner's), counted past a few. */
  private renderMarks(day: NonNullable<ShownCell>) {
    const order = day.start ? shiftOrder(day.breaks, day.start) : [];
    if (order.length > MARKS) {
      const fixed = day.breaks.some((b) => b.fixed);
      return html`<span class="marks">${fixed ? PIN : html`<span class="dot"></span>`}${order.length}</span>`;
    }
    return html`<span class="marks">${order.map((i) => (day.breaks[i].fixed ? PIN : html`<span class="dot"></span>`))}</span>`;
  }

  private statusName(code: string): string {
    const st = this.read.value?.statuses.find((x) => x.code === code);
    return st ? (this.locale.lang === 'ru' ? st.label_ru : st.label_en) : code;
  }

  private breaksText(day: ShownCell): string {
    if (day?.kind !== 'shift') return '';
    const s = t().schedule;
    return day.breaks.length === 0 ? s.noBreaks : day.breaks.map((b) => s.breakAt(this.statusName(b.status), b.start, b.minutes) + (b.fixed ? s.fixedMark : '')).join('; ');
  }

  private renderEditor(reply: Reply) {
    const s = t().schedule;
    const n = this.selected.size;
    const one = n === 1 ? [...this.selected][0] : null;
    const day = one ? this.shown(one) : null;
    const person = one ? reply.people.find((p) => p.id === one.split('|')[0]) : undefined;
    const overnight = normalTime(this.shiftStart) && normalTime(this.shiftEnd) && isOvernight(normalTime(this.shiftStart)!, normalTime(this.shiftEnd)!);
    return html`<form class="editor" novalidate aria-label=${s.selected(n)} @submit=${(e: Event) => e.preventDefault()}>
      ${one && person ? nothing : html`<p class="count">${n > 0 ? s.selected(n) : s.pickHint}</p>`}
      ${one && person
        ? html`<p class="detail" title=${day?.kind === 'shift' ? this.breaksText(day) : ''}>
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
      ${this.renderBreaks(reply)}
    </form>`;
  }

  /** The one selected shift's breaks, each editable; problems (found here or by the server) at their row. */
  private renderBreaks(reply: Reply) {
    const one = this.oneShift;
    if (!one) return nothing;
    const s = t().schedule;
    const b = s.brk;
    const { key, day } = one;
    const issues = breakIssues(day.breaks, day.start!, day.end!);
    const saidByServer = this.breakErrors.get(key);
    const options = (code: string) => {
      const list = reply.statuses.map((x) => ({ value: x.code, label: this.statusName(x.code) }));
      return list.some((o) => o.value === code) ? list : [...list, { value: code, label: code }];
    };
    return html`<fieldset class="breaks">
      <legend>${b.heading}</legend>
      ${day.breaks.length === 0
        ? html`<p class="none">${b.none}</p>`
        : html`<table class="brks">
            <thead>
              <tr>
                <th scope="col"><span class="visually-hidden">№</span></th>
                <th scope="col">${b.status}</th>
                <th scope="col">${b.start}</th>
                <th scope="col"><span class="visually-hidden">${b.earlier} / ${b.later}</span></th>
                <th scope="col">${b.minutes}</th>
                <th scope="col">${b.placed}</th>
                <th scope="col"><span class="visually-hidden">${b.remove}</span></th>
              </tr>
            </thead>
            <tbody>
              ${day.breaks.map((x, i) => {
                const issue = issues.get(i);
                const problem = issue ? this.issueText(issue, day.breaks) : saidByServer?.get(i);
                const n = i + 1;
                const err = problem ? `brk-error-${i}` : undefined;
                // The control the problem is about: the status, the minutes, else the start (where the break lies).
                const at = problem ? (issue?.kind === 'status' ? 'status' : issue?.kind === 'minutes' ? 'minutes' : 'start') : null;
                const invalid = (control: string) => (at === control ? 'true' : 'false');
                const describe = (control: string) => (at === control ? err : undefined) ?? nothing;
                return html`<tr class=${problem ? 'has-problem' : ''} data-index=${i}>
                    <td class="n">${n}</td>
                    <td>
                      <select id="brk-status-${i}" class="status" aria-label=${b.statusOf(n)} aria-invalid=${invalid('status')} aria-describedby=${describe('status')} @change=${(e: Event) => this.editBreaks((d) => changeBreak(d, i, { status: (e.target as HTMLSelectElement).value }))}>
                        ${options(x.status).map((o) => html`<option value=${o.value} ?selected=${o.value === x.status}>${o.label}</option>`)}
                      </select>
                    </td>
                    <td>
                      <input
                        id="brk-start-${i}"
                        class="start"
                        type="text"
                        inputmode="numeric"
                        autocomplete="off"
                        placeholder="11:00"
                        .value=${live(x.start)}
                        aria-label=${b.startOf(n)}
                        title=${b.startHint}
                        aria-keyshortcuts="ArrowUp ArrowDown"
                        aria-invalid=${invalid('start')}
                        aria-describedby=${describe('start')}
                        @change=${(e: Event) => this.editBreaks((d) => changeBreak(d, i, { start: startTyped((e.target as HTMLInputElement).value) }))}
                        @keydown=${(e: KeyboardEvent) => this.nudgeKey(e, i)}
                      />
                    </td>
                    <td>
                      <button type="button" class="nudge earlier" aria-label=${b.earlierOf(n)} title=${b.earlierOf(n)} @click=${() => this.editBreaks((d) => nudgeBreak(d, i, -5))}>${b.earlier}</button>
                      <button type="button" class="nudge later" aria-label=${b.laterOf(n)} title=${b.laterOf(n)} @click=${() => this.editBreaks((d) => nudgeBreak(d, i, 5))}>${b.later}</button>
                    </td>
                    <td>
                      <input id="brk-minutes-${i}" class="minutes" type="number" inputmode="numeric" min="1" max=${MAX_BREAK_MINUTES} step="1" .value=${live(Number.isFinite(x.minutes) ? String(x.minutes) : '')} aria-label=${b.minutesOf(n)} aria-invalid=${invalid('minutes')} aria-describedby=${describe('minutes')} @change=${(e: Event) => this.editBreaks((d) => changeBreak(d, i, { minutes: minutesTyped((e.target as HTMLInputElement).value) }))} />
                    </td>
                    <td>
                      ${x.fixed
                        ? html`<span class="placed fixed">${PIN}${b.fixed}</span>
                            <button type="button" class="link release" aria-label=${b.releaseOf(n)} @click=${() => this.editBreaks((d) => releaseBreak(d, i), `#brk-start-${i}`)}>${b.release}</button>`
                        : html`<span class="placed planned"><span class="dot"></span>${b.planned}</span>`}
                    </td>
                    <td><button type="button" id="brk-remove-${i}" class="remove" aria-label=${b.removeOf(n)} @click=${() => this.removeBreak(i)}>${b.remove}</button></td>
                  </tr>
                  ${problem
                    ? html`<tr class="problem">
                        <td></td>
                        <td colspan="6"><p id=${err!} class="brk-error"><span aria-hidden="true">⚠ </span>${problem}</p></td>
                      </tr>`
                    : nothing}`;
              })}
            </tbody>
          </table>`}
      <div class="brks-foot">
        <button type="button" class="add-break" ?disabled=${day.breaks.length >= MAX_BREAKS} @click=${() => this.addBreak()}>${b.add}</button>
        <p class="hint">${day.breaks.length >= MAX_BREAKS ? b.max(MAX_BREAKS) : b.note}</p>
      </div>
    </fieldset>`;
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
    // Days refused by the server, or by the check of their breaks before any call.
    if (this.cellErrors.size > 0) {
      return html`<div class="problems cell-problems" role="alert">
        ${s.problems}
        <ul>${[...this.cellErrors].map(([key, message]) => html`<li>${name(key)}: ${message}</li>`)}</ul>
      </div>`;
    }
    if (this.write.status !== 'error') return nothing;
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

/** A start as typed: 'HH:mm' when it reads as a time ('1130', '9.45'), else the text itself (shown as a problem). */
function startTyped(text: string): string {
  return normalTime(text) ?? text.trim();
}

/** The minutes as typed: NaN when blank (shown as a problem, never sent). */
function minutesTyped(text: string): number {
  return text.trim() === '' ? NaN : Number(text);
}

function sameEdits(a: ReadonlyMap<string, CellEdit>, b: ReadonlyMap<string, CellEdit>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, edit] of a) if (JSON.stringify(edit) !== JSON.stringify(b.get(key))) return false;
  return true;
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
