// Today's shift and its planned breaks, in the spreadsheet's time zone.
import { LitElement, html, css } from 'lit';
import type { TodayBlock } from '../../../common/api.ts';
import type { StatusInfo } from '../../../common/status.ts';
import { LocaleController } from '../controllers/locale-controller.ts';
import { t } from '../i18n/locale.ts';
import { formatTime } from '../i18n/format.ts';
import { breakEnd } from './break-math.ts';
import { statusColor } from './status-colors.ts';
import { findStatus, statusLabel } from './status-lookup.ts';
import { theme } from './theme.ts';

export class TodayShift extends LitElement {
  static override properties = {
    today: { attribute: false },
    statuses: { attribute: false },
  };

  static override styles = [
    theme,
    css`
      :host { display: block; }
      .shift { font-size: 1.25rem; font-weight: 700; }
      h3 { font-size: 0.95rem; margin: 0.75rem 0 0.25rem; }
      li { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 0.5rem; padding: 0.3rem 0; border-top: 1px solid var(--wtt-line); }
      li > span { min-width: 0; }
      .when { margin-left: auto; text-align: right; }
    `,
  ];

  declare today: TodayBlock | null;
  declare statuses: StatusInfo[];

  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.today = null;
    this.statuses = [];
  }

  override render() {
    const s = t();
    const lang = this.locale.lang;
    const schedule = this.today?.schedule ?? null;
    const zone = this.today?.time_zone;
    const time = (ms: number) => formatTime(ms, lang, zone);
    return html`<section class="card" aria-labelledby="shift-heading">
      <h2 id="shift-heading">${s.shiftHeading}</h2>
      ${schedule
        ? html`<p class="shift num">${s.shiftTimes(time(schedule.shift_start), time(schedule.shift_end))}</p>
            <h3 id="planned-heading">${s.plannedBreaks}</h3>
            ${schedule.breaks.length
              ? html`<ul aria-labelledby="planned-heading">
                  ${schedule.breaks.map(
                    (b) => html`<li>
                      <span><span class="swatch" aria-hidden="true" style="background:${statusColor(findStatus(this.statuses, b.status)?.color)}"></span>${statusLabel(this.statuses, b.status, lang)}</span>
                      <span class="num when">${s.shiftTimes(time(b.start), time(breakEnd(b)))} · ${s.minutes(b.minutes)}</span>
                    </li>`,
                  )}
                </ul>`
              : html`<p class="muted">${s.noPlannedBreaks}</p>`}`
        : html`<p class="muted">${s.noShift}</p>`}
    </section>`;
  }
}

customElements.define('wtt-today-shift', TodayShift);

declare global {
  interface HTMLElementTagNameMap {
    'wtt-today-shift': TodayShift;
  }
}
