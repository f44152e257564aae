// Today's timeline: each run of one status with its times and length; the running one keeps growing.
import { LitElement, html, css } from 'lit';
import type { TodayBlock } from '../../../common/api.ts';
import type { StatusInfo } from '../../../common/status.ts';
import { ClockController } from '../controllers/clock-controller.ts';
import { LocaleController } from '../controllers/locale-controller.ts';
import { t } from '../i18n/locale.ts';
import { formatDuration, formatTime } from '../i18n/format.ts';
import { statusColor } from './status-colors.ts';
import { findStatus, statusLabel } from './status-lookup.ts';
import { theme } from './theme.ts';

export class DayTimeline extends LitElement {
  static override properties = {
    today: { attribute: false },
    statuses: { attribute: false },
    clockOffsetMs: { type: Number },
  };

  static override styles = [
    theme,
    css`
      :host { display: block; }
      li { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 0 0.75rem; padding: 0.4rem 0 0.4rem 0.6rem; border-left: 6px solid; margin-bottom: 0.25rem; }
      .what { font-weight: 600; }
      .len { text-align: right; }
      .when { grid-column: 1 / -1; }
    `,
  ];

  declare today: TodayBlock | null;
  declare statuses: StatusInfo[];
  declare clockOffsetMs: number;

  // Lengths are shown to the minute: a tick every 15 s is plenty.
  private readonly clock = new ClockController(this, 15_000);
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.today = null;
    this.statuses = [];
    this.clockOffsetMs = 0;
  }

  override render() {
    const s = t();
    const lang = this.locale.lang;
    const segments = this.today?.timeline ?? [];
    const now = this.clock.now + this.clockOffsetMs;
    const time = (ms: number) => formatTime(ms, lang, this.today?.time_zone);
    return html`<section class="card" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">${s.timelineHeading}</h2>
      ${segments.length
        ? html`<ol aria-labelledby="timeline-heading">
            ${segments.map(
              (seg) => html`<li style="border-left-color:${statusColor(findStatus(this.statuses, seg.status)?.color)}">
                <span class="what">${statusLabel(this.statuses, seg.status, lang)}</span>
                <span class="len num">${formatDuration((seg.end ?? Math.max(now, seg.start)) - seg.start, lang)}</span>
                <span class="when muted num">${s.shiftTimes(time(seg.start), seg.end === null ? s.now : time(seg.end))}</span>
              </li>`,
            )}
          </ol>`
        : html`<p class="muted">${s.timelineEmpty}</p>`}
    </section>`;
  }
}

customElements.define('wtt-day-timeline', DayTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'wtt-day-timeline': DayTimeline;
  }
}
