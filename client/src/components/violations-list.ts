// Today's violations: what rule, what was planned and what happened, by how much, and what the lead
// decided. An excused one reads as settled, not as a fault: no warning colour, a "✓ Excused" mark.
import { LitElement, html, css, nothing } from 'lit';
import type { TodayViolation } from '../../../common/api.ts';
import type { StatusInfo } from '../../../common/status.ts';
import { LocaleController } from '../controllers/locale-controller.ts';
import { t } from '../i18n/locale.ts';
import type { Strings } from '../i18n/strings-en.ts';
import { isViolationType } from './today-extras.ts';
import { violationText } from './violation-text.ts';
import { theme } from './theme.ts';

export class ViolationsList extends LitElement {
  static override properties = {
    violations: { attribute: false },
    statuses: { attribute: false },
  };

  static override styles = [
    theme,
    css`
      :host { display: block; }
      li { padding: 0.5rem 0; border-top: 1px solid var(--wtt-line); }
      .head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.25rem 0.75rem; }
      .type { font-weight: 600; color: var(--wtt-danger); min-width: 0; overflow-wrap: anywhere; }
      .excused .type { color: var(--wtt-text); }
      .badge { font-size: 0.85rem; padding: 0 0.5rem; border-radius: 999px; border: 1px solid var(--wtt-line); color: var(--wtt-muted); }
      .badge.excused { color: var(--wtt-ok-text); background: var(--wtt-ok-bg); border-color: var(--wtt-ok-bg); }
      .badge.confirmed { color: var(--wtt-danger); border-color: var(--wtt-danger); }
      dl { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 0 0.5rem; margin: 0.25rem 0 0; }
      dt { color: var(--wtt-muted); }
      dd { margin: 0; overflow-wrap: anywhere; }
      .over { margin: 0.15rem 0 0; font-weight: 600; }
      .excused .over { font-weight: normal; color: var(--wtt-muted); }
    `,
  ];

  declare violations: TodayViolation[];
  declare statuses: StatusInfo[];

  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.violations = [];
    this.statuses = [];
  }

  override render() {
    const s = t();
    return html`<section class="card" aria-labelledby="violations-heading">
      <h2 id="violations-heading">${s.violationsHeading}</h2>
      ${this.violations.length
        ? html`<ul aria-labelledby="violations-heading">
            ${this.violations.map((v) => this.renderOne(v, s))}
          </ul>`
        : html`<p class="muted">${s.noViolations}</p>`}
    </section>`;
  }

  private renderOne(v: TodayViolation, s: Strings) {
    const lang = this.locale.lang;
    const text = (x: string) => violationText(x, this.statuses, lang, s);
    const resolution = v.resolution === 'excused' || v.resolution === 'confirmed' ? v.resolution : 'open';
    const over = overText(v, s);
    return html`<li class=${resolution} data-id=${v.id}>
      <div class="head">
        <span class="type">${isViolationType(v.type) ? s.violationTypes[v.type] : v.type}</span>
        <span class="badge ${resolution}">${resolution === 'excused' ? '✓ ' : ''}${s.resolutions[resolution]}</span>
      </div>
      ${v.planned || v.actual
        ? html`<dl class="num">
            ${v.planned ? html`<dt>${s.violationPlanned}</dt><dd>${text(v.planned)}</dd>` : nothing}
            ${v.actual ? html`<dt>${s.violationActual}</dt><dd>${text(v.actual)}</dd>` : nothing}
          </dl>`
        : nothing}
      ${over ? html`<p class="over num">${over}</p>` : nothing}
    </li>`;
  }
}

/** How far off it was, said the way each kind of violation is measured. */
function overText(v: TodayViolation, s: Strings): string | null {
  const n = v.over_minutes;
  if (!(n > 0)) return null;
  switch (v.type) {
    case 'late_start':
      return s.lateBy(n);
    case 'early_leave':
      return s.earlyBy(n);
    case 'break_outside_window':
      return s.outsideBy(n);
    case 'too_many_breaks':
      // Its minutes are the length of the extra break, not an excess over a limit.
      return s.minutes(n);
    default:
      return s.overMinutes(n);
  }
}

customElements.define('wtt-violations-list', ViolationsList);

declare global {
  interface HTMLElementTagNameMap {
    'wtt-violations-list': ViolationsList;
  }
}
