// <adm-schedule-import>: the Schedule dialog's Import view. A roster grid pasted from a sheet (TSV) or a
// CSV file is split into cells (common/pasted-grid.ts), or taken from the cells selected in a tab ("Use the
// selected cells": schedule.selection, shown in the box as a copy would paste it, checked at once and sent
// as read, until the admin edits the text); "Check" sends it to schedule.import.preview and
// shows each cell's reading, the unknown people with their closest matches to choose from (sent as
// `mapping`), the conflicts and the bad cells by row, column, text and reason; then the commit, with the
// admin's mode: import the valid cells, or only if nothing is wrong. Changing the text drops the preview.
import { LitElement, html, css, nothing } from 'lit';
import type { AdminReply, RosterCell, RosterPreview } from '../../../../common/admin-api.ts';
import { splitPasted } from '../../../../common/pasted-grid.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcState, RpcWrite } from '../../controllers/rpc-state.ts';
import { t } from '../../i18n/locale.ts';
import { pickLanguage } from '../../i18n/server-text.ts';
import { adminTheme } from '../../components/theme.ts';
import { fieldStyles, selectField, textAreaField } from '../../components/fields.ts';
import { pathErrors } from '../../components/field-errors.ts';
import { errorState, loadingState, stateStyles } from '../../components/states.ts';
import { tell } from '../../controllers/form-state.ts';
import { addDays } from '../../components/zoned-time.ts';

type Mode = 'valid_only' | 'all_or_nothing';

/** The cells as a copy from Sheets pastes them: tab-separated, quoted where a cell holds a tab, a line break or starts with a quote. */
export function asPasted(rows: string[][]): string {
  const cell = (text: string) => (/[\t\n\r]|^"/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return rows.map((row) => row.map(cell).join('\t')).join('\n');
}

/** "Roster!A1:AG31", the tab's name quoted as Sheets writes it when it is more than letters, digits and _. */
export function rangeName(tab: string, a1: string): string {
  return `${/^[\p{L}\d_]+$/u.test(tab) ? tab : `'${tab.replace(/'/g, "''")}'`}!${a1}`;
}

/** The months offered for bare day numbers: the one shown, three before and eight after. */
export function monthChoices(anchor: string, lang: 'ru' | 'en'): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  let first = `${anchor.slice(0, 7)}-01`;
  for (let i = 0; i < 3; i++) first = `${addDays(first, -1).slice(0, 7)}-01`;
  const format = new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  for (let i = 0; i < 12; i++) {
    out.push({ value: first.slice(0, 7), label: format.format(new Date(`${first}T00:00:00Z`)) });
    first = `${addDays(first, 32).slice(0, 7)}-01`;
  }
  return out;
}

export class AdmScheduleImport extends LitElement {
  static override properties = {
    group: {},
    anchor: {},
    text: { state: true },
    month: { state: true },
    mapping: { state: true },
    picked: { state: true },
  };

  static override styles = [
    adminTheme,
    fieldStyles,
    stateStyles,
    css`
      :host { display: block; }
      .top { display: grid; grid-template-columns: minmax(0, 1fr) 14rem; gap: 0 0.8rem; align-items: start; }
      .top textarea { font-family: ui-monospace, monospace; font-size: 12px; }
      .top .side button { width: 100%; margin-bottom: 0.3rem; }
      .picked { color: var(--wtt-muted); font-size: 12px; margin: -0.3rem 0 0.4rem; }
      .summary { font-weight: 600; margin: 0.4rem 0 0.2rem; }
      .sub { color: var(--wtt-muted); font-size: 12px; margin: 0 0 0.4rem; }
      h3 { font-size: 13px; margin: 0.5rem 0 0.2rem; }
      .cols { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0.8rem; }
      table { border-collapse: collapse; font-size: 12px; width: 100%; }
      th, td { border-bottom: 1px solid var(--wtt-line); padding: 0.15rem 0.3rem; text-align: left; vertical-align: top; }
      .wrap { overflow: auto; max-height: 220px; border: 1px solid var(--wtt-line); border-radius: 6px; }
      table.reading td { text-align: center; white-space: nowrap; }
      table.reading th.who { position: sticky; left: 0; background: var(--wtt-bg); white-space: nowrap; }
      table.reading thead th { position: sticky; top: 0; background: var(--wtt-page); text-align: center; }
      td.bad { background: #fce8e6; color: var(--wtt-danger); font-weight: 600; }
      td.add { background: #e6f4ea; }
      td.change { background: #fff4d6; }
      td.clear { background: #f1f3f4; text-decoration: line-through; }
      td .chg { display: block; font-size: 10px; color: var(--wtt-muted); }
      .unknown li { margin-bottom: 0.3rem; }
      .unknown .field { margin: 0.1rem 0 0; max-width: 24rem; }
      .problem { color: var(--wtt-danger); font-size: 12px; }
      .commit { display: flex; gap: 0.4rem; margin-top: 0.5rem; flex-wrap: wrap; }
      ul { margin: 0.1rem 0; padding-left: 1.2rem; font-size: 12px; }
    `,
  ];

  /** The group shown in the dialog: the import is of that group (all the viewer's when empty). */
  declare group: string;
  /** A date of the period shown: the month offered first for bare day numbers. */
  declare anchor: string;
  declare text: string;
  /** 'YYYY-MM', or '' to take it from the header. */
  declare month: string;
  /** Unknown people chosen by hand: grid row -> employee id. */
  declare mapping: ReadonlyMap<number, string>;
  /** The selected cells the grid was taken from, sent as read; null once the text is the admin's own. */
  declare picked: AdminReply<'schedule.selection'> | null;

  private readonly locale = new LocaleController(this);
  private readonly selection = new RpcState(this, 'schedule.selection');
  private readonly preview = new RpcState(this, 'schedule.import.preview');
  private readonly commit = new RpcWrite(this, 'schedule.import.commit');

  constructor() {
    super();
    this.group = '';
    this.anchor = '2026-01-01';
    this.text = '';
    this.month = '';
    this.mapping = new Map();
    this.picked = null;
  }

  private payload() {
    return {
      rows: this.picked ? this.picked.rows : splitPasted(this.text),
      ...(this.month ? { month: this.month } : {}),
      ...(this.group ? { group: this.group } : {}),
      ...(this.mapping.size > 0 ? { mapping: [...this.mapping].map(([row, employee_id]) => ({ row, employee_id })) } : {}),
    };
  }

  private edited(change: () => void): void {
    change();
    this.preview.reset();
    this.commit.reset();
  }

  async check(): Promise<void> {
    this.commit.reset();
    await this.preview.run(this.payload());
  }

  /** The grid from the cells selected in the spreadsheet, checked at once as a paste is checked. */
  async useSelection(): Promise<void> {
    const got = await this.selection.run({});
    if (!got) return;
    this.edited(() => ((this.text = asPasted(got.rows)), (this.picked = got), (this.mapping = new Map())));
    await this.check();
  }

  async send(mode: Mode): Promise<void> {
    const reply = await this.commit.send({ ...this.payload(), mode });
    if (!reply) return;
    tell(this, 'adm-imported', reply);
  }

  private choose(row: number, id: string): void {
    const next = new Map(this.mapping);
    if (id) next.set(row, id);
    else next.delete(row);
    this.mapping = next;
    void this.check();
  }

  override render() {
    void this.locale;
    const s = t().schedule;
    const lang = this.locale.lang;
    const errors = this.preview.status === 'error' ? pathErrors(this.preview.error, lang) : {};
    return html`
      <div class="top">
        ${textAreaField({
          id: 'grid',
          label: s.paste,
          hint: s.pasteHint,
          rows: 5,
          value: this.text,
          error: errors.rows,
          placeholder: 'ФИО\t01.12\t02.12\t03.12\nИванова Анна\t9-18\tВ\t9-18',
          onInput: (v) => this.edited(() => ((this.text = v), (this.mapping = new Map()), (this.picked = null), this.selection.reset())),
        })}
        <div class="side">
          ${selectField({
            id: 'month',
            label: s.monthLabel,
            value: this.month,
            error: errors.month,
            options: [{ value: '', label: s.monthAuto }, ...monthChoices(this.anchor, lang)],
            onChange: (v) => this.edited(() => (this.month = v)),
          })}
          <button type="button" class="primary check" ?disabled=${this.text.trim() === '' || this.preview.loading} @click=${() => void this.check()}>${s.check}</button>
          <button type="button" class="use-selection" aria-describedby="use-selection-hint" ?disabled=${this.selection.loading || this.preview.loading} @click=${() => void this.useSelection()}>
            ${s.useSelection}
          </button>
          <p class="sub" id="use-selection-hint">${s.useSelectionHint}</p>
        </div>
      </div>
      ${this.picked
        ? html`<p class="picked">${s.fromSelection(rangeName(this.picked.tab, this.picked.a1), this.picked.rows.length, Math.max(0, ...this.picked.rows.map((r) => r.length)))}</p>`
        : nothing}
      ${this.selection.status === 'error' ? errorState(this.selection.error) : nothing}
      ${this.preview.status === 'error' && !errors.rows && !errors.month ? errorState(this.preview.error, () => void this.check()) : nothing}
      ${this.preview.loading ? loadingState() : nothing}
      ${this.preview.value && !this.preview.loading ? this.renderPreview(this.preview.value) : nothing}
    `;
  }

  private renderPreview(p: RosterPreview) {
    const s = t().schedule;
    const lang = this.locale.lang;
    const c = p.counts;
    const days = c.shift + c.off + c.vacation + c.sick;
    const unknown = p.people.filter((x) => x.employee_id === null || x.matched_by === 'mapping');
    const importable = c.add + c.change + c.clear;
    const commitError = this.commit.status === 'error' ? this.commit.error : null;
    return html`
      <p class="summary" aria-live="polite">${s.summary(c.people, c.matched, days, c.bad)}</p>
      <p class="sub">${s.changes(c.add, c.change, c.clear, c.same)}</p>
      ${unknown.length > 0
        ? html`<h3>${s.unknown}</h3>
            <ul class="unknown">
              ${unknown.map(
                (x) => html`<li data-row=${x.row}>
                  <strong>${x.text}</strong> (${s.rowN(x.row)})
                  ${x.closest.length === 0 && x.matched_by !== 'mapping'
                    ? html`<span class="sub"> — ${s.noMatch}</span>`
                    : selectField({
                        id: `map-${x.row}`,
                        label: s.person,
                        value: this.mapping.get(x.row) ?? '',
                        options: [{ value: '', label: s.choose }, ...x.closest.map((m) => ({ value: m.employee_id, label: s.score(m.name, m.group, Math.round(m.score * 100)) }))],
                        onChange: (v) => this.choose(x.row, v),
                      })}
                </li>`,
              )}
            </ul>`
        : nothing}
      ${this.renderReading(p)}
      <div class="cols">
        <div>
          ${p.bad.length > 0
            ? html`<h3>${s.badCells}</h3>
                <div class="wrap">
                  <table class="bad-cells">
                    <thead><tr><th>${s.colRow}</th><th>${s.colColumn}</th><th>${s.colText}</th><th>${s.colReason}</th></tr></thead>
                    <tbody>${p.bad.map((b) => html`<tr><td>${b.row}</td><td>${b.column}</td><td>${b.text}</td><td>${pickLanguage(b.reason, lang)}</td></tr>`)}</tbody>
                  </table>
                </div>`
            : nothing}
        </div>
        <div>
          ${p.conflicts.length > 0
            ? html`<h3>${s.conflicts}</h3><ul class="conflicts">${p.conflicts.map((x) => html`<li>${pickLanguage(x.message, lang)}</li>`)}</ul>`
            : nothing}
          ${p.people.some((x) => x.problem)
            ? html`<ul class="row-problems">${p.people.filter((x) => x.problem).map((x) => html`<li class="problem">${x.name ?? x.text} (${s.rowN(x.row)}), ${s.problem}: ${pickLanguage(x.problem!, lang)}</li>`)}</ul>`
            : nothing}
          ${p.skipped.length > 0
            ? html`<h3>${s.skipped}</h3><ul class="skipped">${p.skipped.map((x) => html`<li>${s.rowN(x.row)}: ${x.text} — ${pickLanguage(x.reason, lang)}</li>`)}</ul>`
            : nothing}
        </div>
      </div>
      ${commitError ? errorState(commitError) : nothing}
      <div class="commit">
        <button type="button" class="primary import-valid" ?disabled=${importable === 0 || this.commit.loading} @click=${() => void this.send('valid_only')}>${s.importValid}</button>
        <button type="button" class="import-all" ?disabled=${importable === 0 || this.commit.loading} @click=${() => void this.send('all_or_nothing')}>${s.importAll}</button>
        ${importable === 0 ? html`<span class="sub">${s.nothingToImport}</span>` : nothing}
      </div>
    `;
  }

  private renderReading(p: RosterPreview) {
    const s = t().schedule;
    const lang = this.locale.lang;
    if (p.dates.length === 0 || p.people.length === 0) return nothing;
    const text = (cell: RosterCell | undefined) => {
      if (!cell) return '';
      if (cell.kind === 'shift') return `${cell.start}–${cell.end}`;
      if (cell.kind === 'bad') return cell.text;
      if (cell.kind === 'empty') return '';
      return cell.kind === 'off' ? s.off : cell.kind === 'vacation' ? s.vacation : s.sick;
    };
    return html`<h3>${s.reading}</h3>
      <div class="wrap">
        <table class="reading">
          <thead>
            <tr><th class="who">${s.person}</th>${p.dates.map((d) => html`<th>${Number(d.date.slice(8))}.${d.date.slice(5, 7)}</th>`)}</tr>
          </thead>
          <tbody>
            ${p.people.map((x) => {
              const byColumn = new Map(x.cells.map((cell) => [cell.column, cell]));
              return html`<tr data-row=${x.row}>
                <th class="who">${x.name ?? x.text}${x.employee_id === null ? ' ?' : ''}</th>
                ${p.dates.map((d) => {
                  const cell = byColumn.get(d.column);
                  const cls = cell?.kind === 'bad' ? 'bad' : (cell?.change ?? '');
                  const title = cell?.kind === 'bad' ? pickLanguage(cell.reason ?? '', lang) : [cell?.change && cell.change !== 'none' ? s.change[cell.change] : '', cell?.overnight ? s.overnight : ''].filter(Boolean).join(', ');
                  return html`<td class=${cls} title=${title}>${text(cell)}${cell?.overnight ? html`<sup>+1</sup>` : nothing}</td>`;
                })}
              </tr>`;
            })}
          </tbody>
        </table>
      </div>`;
  }
}

customElements.define('adm-schedule-import', AdmScheduleImport);

declare global {
  interface HTMLElementTagNameMap {
    'adm-schedule-import': AdmScheduleImport;
  }
}
