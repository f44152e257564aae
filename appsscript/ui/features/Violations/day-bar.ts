// <adm-day-bar>: one person's day beside a violation (violations.day): a bar of status colours over the
// shift, the planned breaks marked above it and the shift's edges on it, the hours under it; then the same
// day as a list, status by status, which is what a screen reader reads (the bar is a picture of it).
import { LitElement, html, css, nothing } from 'lit';
import type { AdminReply } from '../../../../common/admin-api.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { t } from '../../i18n/locale.ts';
import { adminTheme } from '../../components/theme.ts';
import { chipLabel, statusChip, statusColor, type ChipStatus } from '../../components/status-chip.ts';
import { dateIn, epochAt, timeIn } from '../../components/zoned-time.ts';
import { durationText } from './violation-text.ts';

type Day = AdminReply<'violations.day'>;
const HOUR = 3_600_000;
const MINUTE = 60_000;

export class AdmDayBar extends LitElement {
  static override properties = {
    day: { attribute: false },
    statuses: { attribute: false },
    zone: { type: String },
    now: { type: Number },
  };

  static override styles = [
    adminTheme,
    css`
      :host { display: block; }
      .shift { color: var(--wtt-muted); font-size: 12px; margin: 0 0 0.3rem; }
      .chart { position: relative; margin: 0 0 0.4rem; padding-top: 20px; }
      .plan { position: absolute; top: 2px; height: 18px; min-width: 4px; border: 2px dashed var(--wtt-text); border-bottom: none; border-radius: 4px 4px 0 0; font-size: 10px; line-height: 14px; padding: 0 2px; overflow: hidden; white-space: nowrap; color: var(--wtt-text); }
      .bar { position: relative; height: 28px; background: var(--wtt-page); border: 1px solid var(--wtt-line); border-radius: 4px; overflow: hidden; }
      .seg { position: absolute; top: 0; bottom: 0; box-shadow: inset -1px 0 0 #fff8; }
      .edge { position: absolute; top: 20px; height: 30px; border-left: 2px solid var(--wtt-text); }
      .ticks { position: relative; height: 16px; font-size: 10px; color: var(--wtt-muted); }
      .ticks span { position: absolute; transform: translateX(-50%); white-space: nowrap; }
      .ticks span.first { transform: none; }
      h3 { font-size: 13px; margin: 0.5rem 0 0.25rem; }
      ol.segments li { display: grid; grid-template-columns: 6.6rem minmax(0, 1fr) auto; gap: 0.4rem; align-items: center; padding: 0.15rem 0; border-bottom: 1px dotted var(--wtt-line); font-size: 12px; font-variant-numeric: tabular-nums; }
      ol.segments .len { color: var(--wtt-muted); white-space: nowrap; }
      .tag { font-size: 11px; color: var(--wtt-warn-text); background: var(--wtt-warn-bg); border-radius: 4px; padding: 0 0.3rem; margin-left: 0.3rem; }
      ul.planned { margin: 0.2rem 0 0; font-size: 12px; color: var(--wtt-muted); }
      .empty { color: var(--wtt-muted); font-size: 12px; }
    `,
  ];

  declare day: Day | null;
  declare statuses: readonly ChipStatus[];
  declare zone: string;
  /** Where a status still going ends on the bar. */
  declare now: number;

  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.day = null;
    this.statuses = [];
    this.zone = 'UTC';
    this.now = Date.now();
  }

  override render() {
    const v = t().violations;
    const day = this.day;
    if (!day) return nothing;
    const lang = this.locale.lang;
    const time = (ms: number) => timeIn(ms, lang, this.zone);
    const find = (code: string) => this.statuses.find((s) => s.code === code);
    const segments = day.timeline.map((seg) => ({ ...seg, stop: seg.end ?? Math.max(seg.start, this.now) }));
    const sched = day.schedule;
    const starts = [...(sched ? [sched.shift_start] : []), ...segments.map((s) => s.start)];
    const ends = [...(sched ? [sched.shift_end] : []), ...segments.map((s) => s.stop)];
    if (starts.length === 0) return html`<p class="empty">${v.noShift} ${v.noStatuses}</p>`;
    // Whole hours around everything there is to draw.
    const from = this.hourAtOrBefore(Math.min(...starts));
    const to = Math.max(from + HOUR, this.hourAtOrBefore(Math.max(...ends) - 1) + HOUR);
    const pct = (ms: number) => ((Math.min(Math.max(ms, from), to) - from) / (to - from)) * 100;
    const hours = Math.round((to - from) / HOUR);
    const step = hours > 12 ? 3 : hours > 7 ? 2 : 1;
    const ticks = Array.from({ length: Math.floor(hours / step) + 1 }, (_, i) => from + i * step * HOUR);
    return html`
      <p class="shift">${sched ? v.shift(time(sched.shift_start), time(sched.shift_end)) : v.noShift}</p>
      <div class="chart" aria-hidden="true">
        ${(sched?.breaks ?? []).map((b) => {
          const end = b.start + b.minutes * MINUTE;
          const width = pct(end) - pct(b.start);
          // A word fits a mark of a long break only; the list under the bar names them all.
          const label = width >= 10 ? chipLabel(find(b.status), b.status, lang) : '';
          return html`<div class="plan" data-status=${b.status} style="left:${pct(b.start)}%;width:${width}%;background:${statusColor(find(b.status)?.color)}66" title=${v.plannedBreak(chipLabel(find(b.status), b.status, lang), time(b.start), time(end))}>${label}</div>`;
        })}
        <div class="bar">
          ${segments.map(
            (seg) => html`<div
              class="seg"
              data-status=${seg.status}
              style="left:${pct(seg.start)}%;width:${pct(seg.stop) - pct(seg.start)}%;background:${statusColor(find(seg.status)?.color)}"
              title="${chipLabel(find(seg.status), seg.status, lang)} ${time(seg.start)}–${seg.end === null ? v.running : time(seg.end)}"
            ></div>`,
          )}
        </div>
        ${sched ? html`<div class="edge" style="left:${pct(sched.shift_start)}%"></div><div class="edge" style="left:calc(${pct(sched.shift_end)}% - 2px)"></div>` : nothing}
        <div class="ticks">${ticks.map((tk, i) => html`<span class=${i === 0 ? 'first' : ''} style=${i === ticks.length - 1 ? `right:0` : `left:${pct(tk)}%`}>${time(tk)}</span>`)}</div>
      </div>
      ${sched && sched.breaks.length > 0
        ? html`<ul class="planned">
            ${sched.breaks.map((b) => html`<li>${v.plannedBreak(chipLabel(find(b.status), b.status, lang), time(b.start), time(b.start + b.minutes * MINUTE))}</li>`)}
          </ul>`
        : nothing}
      <h3>${v.timeline}</h3>
      ${segments.length === 0
        ? html`<p class="empty">${v.noStatuses}</p>`
        : html`<ol class="segments">
            ${segments.map(
              (seg) => html`<li data-status=${seg.status}>
                <span>${`${time(seg.start)}–${seg.end === null ? v.running : time(seg.end)}`}</span>
                <span>${statusChip(find(seg.status), seg.status, lang)}${seg.source === 'admin' ? html`<span class="tag">${v.correction}</span>` : nothing}</span>
                <span class="len">${durationText(seg.stop - seg.start, lang)}</span>
              </li>`,
            )}
          </ol>`}
    `;
  }

  /** The last whole hour on the spreadsheet's clock at or before a moment. */
  private hourAtOrBefore(ms: number): number {
    const hh = timeIn(ms, 'en', this.zone).slice(0, 2);
    return epochAt(dateIn(ms, this.zone), `${hh}:00`, this.zone);
  }
}

customElements.define('adm-day-bar', AdmDayBar);

declare global {
  interface HTMLElementTagNameMap {
    'adm-day-bar': AdmDayBar;
  }
}
