// The current status and how long it has lasted. The timer counts on the server's clock (the device's
// clock plus the offset the last reply measured), so a device whose clock is wrong still shows the truth.
import { LitElement, html, css } from 'lit';
import type { CurrentState } from '../../../common/api.ts';
import type { StatusInfo } from '../../../common/status.ts';
import { ClockController } from '../controllers/clock-controller.ts';
import { LocaleController } from '../controllers/locale-controller.ts';
import { t } from '../i18n/locale.ts';
import { formatClock, formatTime } from '../i18n/format.ts';
import { statusColor } from './status-colors.ts';
import { findStatus, statusLabel } from './status-lookup.ts';
import { theme } from './theme.ts';

export class CurrentStatus extends LitElement {
  static override properties = {
    current: { attribute: false },
    statuses: { attribute: false },
    clockOffsetMs: { type: Number },
    timeZone: { type: String },
  };

  static override styles = [
    theme,
    css`
      :host { display: block; }
      .row { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.25rem 1rem; }
      .label { font-size: 1.4rem; font-weight: 700; }
      .timer { font-size: 2rem; font-weight: 700; font-variant-numeric: tabular-nums; }
    `,
  ];

  declare current: CurrentState | null;
  declare statuses: StatusInfo[];
  declare clockOffsetMs: number;
  /** The spreadsheet's zone, for "since 09:05"; the device's when unknown. */
  declare timeZone: string;

  private readonly clock = new ClockController(this);
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.current = null;
    this.statuses = [];
    this.clockOffsetMs = 0;
    this.timeZone = '';
  }

  override render() {
    const s = t();
    const lang = this.locale.lang;
    const cur = this.current;
    const label = cur ? statusLabel(this.statuses, cur.status, lang) : '';
    const elapsed = cur ? this.clock.now + this.clockOffsetMs - cur.since : 0;
    // The live region announces a change of status; the ticking timer is deliberately outside it.
    return html`<section class="card" aria-labelledby="current-heading">
      <h2 id="current-heading">${s.currentHeading}</h2>
      <p class="visually-hidden" role="status" aria-live="polite">${cur ? s.statusAnnounce(label) : ''}</p>
      ${cur
        ? html`<div class="row">
            <p class="label" aria-hidden="true">
              <span class="swatch" style="background:${statusColor(findStatus(this.statuses, cur.status)?.color)}"></span>${label}
            </p>
            <p class="timer"><span class="visually-hidden">${s.elapsed}: </span><span role="timer">${formatClock(elapsed)}</span></p>
          </div>
          <p class="muted num">${s.since(formatTime(cur.since, lang, this.timeZone || undefined))}</p>`
        : html`<p class="muted">${s.noStatus}</p>`}
    </section>`;
  }
}

customElements.define('wtt-current-status', CurrentStatus);

declare global {
  interface HTMLElementTagNameMap {
    'wtt-current-status': CurrentStatus;
  }
}
