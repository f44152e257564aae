// The status buttons, one per status of the Statuses tab, in its colours; the current one is pressed.
// A press is shown at once (the model queues it offline-first), so the buttons never wait for the network.
import { LitElement, html, css } from 'lit';
import type { StatusInfo } from '../../../common/status.ts';
import { LocaleController } from '../controllers/locale-controller.ts';
import { t } from '../i18n/locale.ts';
import { statusColor, textOn } from './status-colors.ts';
import { statusLabel } from './status-lookup.ts';
import { theme } from './theme.ts';

export class StatusButtons extends LitElement {
  static override properties = {
    statuses: { attribute: false },
    current: { type: String },
  };

  static override styles = [
    theme,
    css`
      :host { display: block; }
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 8.5rem), 1fr)); gap: 0.5rem; }
      button {
        min-height: 56px;
        min-width: 0;
        padding: 0.5rem 0.6rem;
        font-weight: 600;
        border: 2px solid transparent;
        text-align: left;
        display: flex;
        align-items: center;
        gap: 0.4rem;
      }
      /* A label longer than the button (an admin may name a status anything) wraps, even inside a word. */
      .label { min-width: 0; overflow-wrap: anywhere; }
      button[aria-pressed='true'] { outline: 3px solid var(--wtt-text); outline-offset: 2px; }
      button[aria-pressed='true']:focus-visible { outline-color: var(--wtt-focus); outline-width: 4px; }
      .mark { width: 1.1em; flex: none; text-align: center; }
    `,
  ];

  declare statuses: StatusInfo[];
  /** The code of the current status, '' when there is none yet. */
  declare current: string;

  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.statuses = [];
    this.current = '';
  }

  override render() {
    const lang = this.locale.lang;
    return html`<div class="grid" role="group" aria-label=${t().statusButtons}>
      ${this.statuses.filter((s) => !s.hidden || s.code === this.current).map((s) => {
        const bg = statusColor(s.color);
        const pressed = s.code === this.current;
        return html`<button
          type="button"
          data-code=${s.code}
          aria-pressed=${String(pressed)}
          style="background:${bg};color:${textOn(bg)}"
          @click=${() => this.choose(s.code)}
        ><span class="mark" aria-hidden="true">${pressed ? '✓' : ''}</span><span class="label">${statusLabel(this.statuses, s.code, lang)}</span></button>`;
      })}
    </div>`;
  }

  private choose(code: string): void {
    // Pressing the status one already has would only add a duplicate row to the log.
    if (code === this.current) return;
    this.dispatchEvent(new CustomEvent('wtt-choose-status', { detail: { code }, bubbles: true, composed: true }));
  }
}

customElements.define('wtt-status-buttons', StatusButtons);

declare global {
  interface HTMLElementTagNameMap {
    'wtt-status-buttons': StatusButtons;
  }
  interface HTMLElementEventMap {
    'wtt-choose-status': CustomEvent<{ code: string }>;
  }
}
