// Today's violations, shown only when the server sends the list (see today-extras.ts).
import { LitElement, html, css, nothing } from 'lit';
import { LocaleController } from '../controllers/locale-controller.ts';
import { t } from '../i18n/locale.ts';
import { formatTime } from '../i18n/format.ts';
import type { StatusInfo } from '../../../common/status.ts';
import { statusLabel } from './status-lookup.ts';
import { isViolationType, type ViolationView } from './today-extras.ts';
import { theme } from './theme.ts';

export class ViolationsList extends LitElement {
  static override properties = {
    violations: { attribute: false },
    statuses: { attribute: false },
    timeZone: { type: String },
  };

  static override styles = [
    theme,
    css`
      :host { display: block; }
      li { padding: 0.4rem 0; border-top: 1px solid var(--wtt-line); }
      .type { font-weight: 600; color: var(--wtt-danger); }
      .excused .type { color: var(--wtt-muted); }
    `,
  ];

  declare violations: ViolationView[];
  declare statuses: StatusInfo[];
  declare timeZone: string;

  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.violations = [];
    this.statuses = [];
    this.timeZone = '';
  }

  override render() {
    const s = t();
    const lang = this.locale.lang;
    return html`<section class="card" aria-labelledby="violations-heading">
      <h2 id="violations-heading">${s.violationsHeading}</h2>
      ${this.violations.length
        ? html`<ul aria-labelledby="violations-heading">
            ${this.violations.map((v) => {
              const excused = v.resolution === 'excused';
              const details = [
                typeof v.at === 'number' ? formatTime(v.at, lang, this.timeZone || undefined) : undefined,
                v.status ? statusLabel(this.statuses, v.status, lang) : undefined,
                v.planned && v.actual ? `${v.planned} → ${v.actual}` : v.actual ?? v.planned,
                typeof v.over_minutes === 'number' && v.over_minutes > 0 ? s.overMinutes(v.over_minutes) : undefined,
                excused ? s.excused : undefined,
              ].filter(Boolean);
              return html`<li class=${excused ? 'excused' : ''}>
                <span class="type">${isViolationType(v.type) ? s.violationTypes[v.type] : v.type}</span>
                ${details.length ? html`<span class="muted num"> · ${details.join(' · ')}</span>` : nothing}
              </li>`;
            })}
          </ul>`
        : html`<p class="muted">${s.noViolations}</p>`}
    </section>`;
  }
}

customElements.define('wtt-violations-list', ViolationsList);

declare global {
  interface HTMLElementTagNameMap {
    'wtt-violations-list': ViolationsList;
  }
}
