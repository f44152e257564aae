// The break panel: time left in the current break (from its plan, or its rule), the next planned break,
// and the breaks taken today against the plan.
import { LitElement, html, css } from 'lit';
import type { CurrentState, TodayBlock } from '../../../common/api.ts';
import type { StatusInfo } from '../../../common/status.ts';
import { ClockController } from '../controllers/clock-controller.ts';
import { LocaleController } from '../controllers/locale-controller.ts';
import { t } from '../i18n/locale.ts';
import { formatCountdown, formatTime } from '../i18n/format.ts';
import { breakAllowance, breakEnd, breaksAllowed, breaksTaken, nextPlannedBreak } from './break-math.ts';
import { isBreakKind, statusLabel } from './status-lookup.ts';
import { rulesOf } from './today-extras.ts';
import { theme } from './theme.ts';

export class BreakPanel extends LitElement {
  static override properties = {
    current: { attribute: false },
    today: { attribute: false },
    statuses: { attribute: false },
    clockOffsetMs: { type: Number },
  };

  static override styles = [
    theme,
    css`
      :host { display: block; }
      dl { margin: 0; display: grid; grid-template-columns: 1fr auto; gap: 0.35rem 0.75rem; align-items: baseline; }
      dt { color: var(--wtt-muted); }
      dd { margin: 0; min-width: 0; text-align: right; font-weight: 600; font-variant-numeric: tabular-nums; }
      /* A sentence instead of a value reads on its own line, under its label. */
      dd.sentence { grid-column: 1 / -1; text-align: left; font-weight: normal; margin-top: -0.25rem; }
      .left { font-size: 1.5rem; }
      .over { color: var(--wtt-danger); }
      p { margin-bottom: 0.5rem; }
    `,
  ];

  declare current: CurrentState | null;
  declare today: TodayBlock | null;
  declare statuses: StatusInfo[];
  declare clockOffsetMs: number;

  private readonly clock = new ClockController(this);
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.current = null;
    this.today = null;
    this.statuses = [];
    this.clockOffsetMs = 0;
  }

  override render() {
    const s = t();
    const now = this.clock.now + this.clockOffsetMs;
    const schedule = this.today?.schedule ?? null;
    const rules = rulesOf(this.today);
    const next = nextPlannedBreak(schedule, now);
    const taken = breaksTaken(this.today?.timeline ?? [], this.statuses);
    const allowed = breaksAllowed(schedule, rules, this.statuses);
    const lang = this.locale.lang;
    const time = (ms: number) => formatTime(ms, lang, this.today?.time_zone);
    return html`<section class="card" aria-labelledby="break-heading">
      <h2 id="break-heading">${s.breakHeading}</h2>
      ${this.renderCurrent(now)}
      <dl>
        <dt>${s.nextBreak}</dt>
        ${next
          ? html`<dd>${statusLabel(this.statuses, next.status, lang)} ${s.shiftTimes(time(next.start), time(breakEnd(next)))}</dd>`
          : html`<dd class="sentence muted">${s.noNextBreak}</dd>`}
        <dt>${s.breaksTaken}</dt>
        <dd data-testid="taken">${allowed === null ? String(taken) : s.takenOf(taken, allowed)}</dd>
      </dl>
    </section>`;
  }

  private renderCurrent(now: number) {
    const s = t();
    const cur = this.current;
    if (!cur || !isBreakKind(this.statuses, cur.status)) return html`<p class="muted">${s.notOnBreak}</p>`;
    const allowance = breakAllowance(this.today?.schedule ?? null, rulesOf(this.today), cur, now);
    if (!allowance) return html`<p class="muted">${s.noBreakLength}</p>`;
    const left = allowance.endsAt - now;
    const over = left < 0;
    return html`<dl>
      <dt>${over ? s.overBy : s.timeLeft}</dt>
      <dd class="left ${over ? 'over' : ''}"><span role="timer">${(over ? '+' : '') + formatCountdown(left)}</span></dd>
    </dl>`;
  }
}

customElements.define('wtt-break-panel', BreakPanel);

declare global {
  interface HTMLElementTagNameMap {
    'wtt-break-panel': BreakPanel;
  }
}
