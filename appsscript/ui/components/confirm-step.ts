// <adm-confirm>: the step between a button that cannot be undone and its effect. It takes the place of the
// action's buttons (a sidebar has no room for a modal), says what will happen, and answers `adm-confirm` or
// `adm-cancel`. Cancel has the focus first: Enter by habit does nothing harmful.
import { LitElement, html, css } from 'lit';
import { LocaleController } from '../controllers/locale-controller.ts';
import { t } from '../i18n/locale.ts';
import { adminTheme } from './theme.ts';

export class AdmConfirm extends LitElement {
  static override properties = {
    message: { type: String },
    confirmLabel: { type: String },
    danger: { type: Boolean },
    busy: { type: Boolean },
  };

  static override styles = [
    adminTheme,
    css`
      :host { display: block; }
      div[role='alertdialog'] { border: 1px solid var(--wtt-line); border-left: 4px solid var(--wtt-accent); border-radius: 6px; padding: 0.5rem 0.6rem; background: var(--wtt-bg); }
      :host([danger]) div[role='alertdialog'] { border-left-color: var(--wtt-danger); }
      p { margin: 0 0 0.5rem; }
      .buttons { display: flex; gap: 0.4rem; flex-wrap: wrap; }
    `,
  ];

  declare message: string;
  declare confirmLabel: string;
  declare danger: boolean;
  declare busy: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.message = '';
    this.confirmLabel = '';
    this.danger = false;
    this.busy = false;
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('button.cancel')?.focus();
  }

  override render() {
    const s = t();
    void this.locale;
    return html`<div role="alertdialog" aria-modal="false" aria-labelledby="q">
      <p id="q">${this.message}</p>
      <div class="buttons">
        <button type="button" class="confirm primary ${this.danger ? 'danger' : ''}" ?disabled=${this.busy} @click=${() => this.dispatchEvent(new CustomEvent('adm-confirm'))}>
          ${this.confirmLabel || s.yes}
        </button>
        <button type="button" class="cancel" ?disabled=${this.busy} @click=${() => this.dispatchEvent(new CustomEvent('adm-cancel'))}>${s.cancel}</button>
      </div>
    </div>`;
  }
}

customElements.define('adm-confirm', AdmConfirm);

declare global {
  interface HTMLElementTagNameMap {
    'adm-confirm': AdmConfirm;
  }
}
