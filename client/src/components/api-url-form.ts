// The field for the web app's address, for a page served from a host that does not know it (see
// api-url-setting.ts). It only checks and reports the address; whoever listens saves it and restarts.
import { LitElement, html, css } from 'lit';
import { LocaleController } from '../controllers/locale-controller.ts';
import { t } from '../i18n/locale.ts';
import { normaliseApiUrl } from './api-url-setting.ts';
import { theme } from './theme.ts';

export class ApiUrlForm extends LitElement {
  static override properties = {
    value: { type: String },
    error: { state: true },
  };

  static override styles = [
    theme,
    css`
      :host { display: block; }
      form { display: grid; gap: 0.6rem; }
      .url { overflow-wrap: anywhere; }
    `,
  ];

  /** The address in use now, if any. */
  declare value: string;
  declare error: string;

  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.value = '';
    this.error = '';
  }

  override render() {
    const s = t();
    return html`<form @submit=${this.onSubmit} novalidate>
      <div>
        <label for="api-url">${s.serverLabel}</label>
        <input
          id="api-url"
          type="url"
          inputmode="url"
          autocomplete="url"
          spellcheck="false"
          placeholder="https://script.google.com/macros/s/…/exec"
          .value=${this.value}
          aria-invalid=${this.error ? 'true' : 'false'}
          aria-describedby="api-url-hint api-url-error"
        />
        <p id="api-url-hint" class="muted">${s.serverHint}</p>
        ${this.value ? html`<p class="muted url">${s.serverCurrent(this.value)}</p>` : ''}
      </div>
      <p id="api-url-error" class="error" role="alert">${this.error}</p>
      <div><button class="primary" type="submit">${s.serverSave}</button></div>
    </form>`;
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#api-url');
    const text = (input?.value ?? '').trim();
    const url = /^https?:\/\//i.test(text) ? normaliseApiUrl(text, text) : null;
    if (!url) {
      this.error = t().serverBad;
      input?.focus();
      return;
    }
    this.error = '';
    this.dispatchEvent(new CustomEvent('wtt-api-url', { detail: { url }, bubbles: true, composed: true }));
  }
}

customElements.define('wtt-api-url-form', ApiUrlForm);

declare global {
  interface HTMLElementTagNameMap {
    'wtt-api-url-form': ApiUrlForm;
  }
  interface HTMLElementEventMap {
    'wtt-api-url': CustomEvent<{ url: string }>;
  }
  // The event bubbles out of the shadow roots to the document, where main.ts handles it.
  interface DocumentEventMap {
    'wtt-api-url': CustomEvent<{ url: string }>;
  }
}
