// <adm-conflict>: a save refused because someone else saved the record first. It shows the record as it is
// now beside what the admin typed, field by field, and offers to load the current values: the admin then
// makes their change again, on top of the other one, instead of silently undoing it.
import { LitElement, html, css } from 'lit';
import { LocaleController } from '../controllers/locale-controller.ts';
import { t } from '../i18n/locale.ts';
import { adminTheme } from './theme.ts';

export interface ConflictRow {
  label: string;
  now: string;
  yours: string;
}

export class AdmConflict extends LitElement {
  static override properties = { rows: { attribute: false } };
  static override styles = [
    adminTheme,
    css`
      :host { display: block; margin: 0 0 0.75rem; }
      section { border: 1px solid var(--wtt-warn-text); background: var(--wtt-warn-bg); color: var(--wtt-warn-text); border-radius: 6px; padding: 0.5rem 0.6rem; }
      h2 { font-size: 14px; color: inherit; margin-bottom: 0.25rem; }
      dl { margin: 0.4rem 0; padding: 0.3rem 0.5rem; color: var(--wtt-text); background: var(--wtt-bg); border-radius: 4px; font-size: 12px; }
      .item { padding: 0.2rem 0; border-bottom: 1px solid var(--wtt-line); }
      .item:last-child { border-bottom: none; }
      dt { font-weight: 600; }
      dd { margin: 0; overflow-wrap: anywhere; }
      .differs dt::after { content: ' ●'; color: var(--wtt-danger); }
      .differs .now { font-weight: 600; }
      .same dd { color: var(--wtt-muted); }
      .k { color: var(--wtt-muted); }
    `,
  ];

  declare rows: readonly ConflictRow[];
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.rows = [];
  }

  override render() {
    const s = t();
    void this.locale;
    return html`<section role="alert" aria-labelledby="h">
      <h2 id="h">${s.conflictHeading}</h2>
      <p>${s.conflictIntro}</p>
      <dl>
        ${this.rows.map((r) =>
          r.now === r.yours
            ? html`<div class="item same"><dt>${r.label}</dt><dd class="now">${r.now || s.none}</dd></div>`
            : html`<div class="item differs">
                <dt>${r.label}</dt>
                <dd class="now"><span class="k">${`${s.conflictNow}:`}</span> ${r.now || s.none}</dd>
                <dd class="yours"><span class="k">${`${s.conflictYours}:`}</span> ${r.yours || s.none}</dd>
              </div>`,
        )}
      </dl>
      <div class="row">
        <button type="button" class="primary reload" @click=${() => this.dispatchEvent(new CustomEvent('adm-reload'))}>${s.conflictReload}</button>
      </div>
      <p class="small">${s.conflictHint}</p>
    </section>`;
  }
}

customElements.define('adm-conflict', AdmConflict);

declare global {
  interface HTMLElementTagNameMap {
    'adm-conflict': AdmConflict;
  }
}
