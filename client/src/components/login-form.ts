// Sign-in: the email first, then the code that was sent. Errors are said next to the field they concern
// and announced; focus goes where the person has to type next.
import { LitElement, html, css, nothing } from 'lit';
import type { AppModel, LoginStep } from '../model.ts';
import { LocaleController } from '../controllers/locale-controller.ts';
import { t } from '../i18n/locale.ts';
import { errorText } from '../i18n/error-text.ts';
import { theme } from './theme.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CODE = /^\d{6}$/;

export class LoginForm extends LitElement {
  static override properties = {
    model: { attribute: false },
    email: { type: String },
    notice: { type: String },
    step: { state: true },
    busy: { state: true },
    error: { state: true },
    info: { state: true },
  };

  static override styles = [
    theme,
    css`
      :host { display: block; }
      form { display: grid; gap: 0.75rem; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
      .notice { background: var(--wtt-warn-bg); color: var(--wtt-warn-text); padding: 0.6rem 0.8rem; border-radius: 8px; }
      #code { letter-spacing: 0.3em; font-variant-numeric: tabular-nums; }
    `,
  ];

  declare model: AppModel | null;
  /** Filled in when the session ended and the person signs in again. */
  declare email: string;
  /** A message above the form, e.g. why the person has to sign in again. */
  declare notice: string;
  declare step: LoginStep;
  declare busy: boolean;
  declare error: string;
  declare info: string;

  private readonly locale = new LocaleController(this);
  /** The field to focus after the next render (a step change or an error). */
  private focusNext: 'email' | 'code' | null = 'email';

  constructor() {
    super();
    this.model = null;
    this.email = '';
    this.notice = '';
    this.step = 'email';
    this.busy = false;
    this.error = '';
    this.info = '';
  }

  override render() {
    const s = t();
    return html`<section class="card" aria-labelledby="login-heading">
      <h2 id="login-heading">${s.loginHeading}</h2>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.step === 'email' ? this.renderEmail() : this.renderCode()}
    </section>`;
  }

  private renderEmail() {
    const s = t();
    return html`<form @submit=${this.onEmail} novalidate>
      <div>
        <label for="email">${s.emailLabel}</label>
        <input
          id="email"
          name="email"
          type="email"
          autocomplete="email"
          inputmode="email"
          required
          .value=${this.email}
          @input=${(e: Event) => (this.email = (e.target as HTMLInputElement).value)}
          aria-invalid=${this.error ? 'true' : 'false'}
          aria-describedby="email-hint login-error"
        />
        <p id="email-hint" class="muted">${s.emailHint}</p>
      </div>
      ${this.renderError()}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? s.sending : s.sendCode}</button>
      </div>
    </form>`;
  }

  private renderCode() {
    const s = t();
    return html`<form @submit=${this.onCode} novalidate>
      <div>
        <label for="code">${s.codeLabel}</label>
        <input
          id="code"
          name="code"
          type="text"
          inputmode="numeric"
          autocomplete="one-time-code"
          maxlength="7"
          required
          aria-invalid=${this.error ? 'true' : 'false'}
          aria-describedby="code-hint login-error"
        />
        <p id="code-hint" class="muted">${s.codeHint(this.email.trim())}</p>
      </div>
      ${this.renderError()}
      ${this.info ? html`<p role="status">${this.info}</p>` : nothing}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? s.signingIn : s.signIn}</button>
        <button class="link" type="button" @click=${this.onResend} ?disabled=${this.busy}>${s.resendCode}</button>
        <button class="link" type="button" @click=${this.onOtherEmail} ?disabled=${this.busy}>${s.otherEmail}</button>
      </div>
    </form>`;
  }

  private renderError() {
    // The live region stays in the page so that a new error is announced, not only the first one.
    return html`<p id="login-error" class="error" role="alert">${this.error}</p>`;
  }

  override updated(): void {
    if (!this.focusNext) return;
    const input = this.renderRoot.querySelector<HTMLInputElement>(`#${this.focusNext}`);
    if (input) {
      input.focus();
      this.focusNext = null;
    }
  }

  private fail(e: unknown, field: 'email' | 'code'): void {
    this.error = errorText(e, this.locale.lang);
    this.focusNext = field;
  }

  private async onEmail(e: Event): Promise<void> {
    e.preventDefault();
    const email = this.email.trim();
    this.info = '';
    if (!EMAIL.test(email)) {
      this.error = t().badEmail;
      this.focusNext = 'email';
      return;
    }
    if (!this.model || this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      await this.model.loginStart(email);
      this.email = email;
      this.step = 'code';
      this.focusNext = 'code';
    } catch (err) {
      this.fail(err, 'email');
    } finally {
      this.busy = false;
    }
  }

  private async onCode(e: Event): Promise<void> {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#code');
    const code = (input?.value ?? '').replace(/\s+/g, '');
    this.info = '';
    if (!CODE.test(code)) {
      this.error = t().badCode;
      this.focusNext = 'code';
      return;
    }
    if (!this.model || this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      await this.model.loginFinish(this.email.trim(), code);
      this.dispatchEvent(new CustomEvent('wtt-signed-in', { bubbles: true, composed: true }));
    } catch (err) {
      this.fail(err, 'code');
      if (input) input.value = '';
    } finally {
      this.busy = false;
    }
  }

  private async onResend(): Promise<void> {
    if (!this.model || this.busy) return;
    this.busy = true;
    this.error = '';
    this.info = '';
    try {
      await this.model.loginStart(this.email.trim());
      this.info = t().codeResent;
      this.focusNext = 'code';
    } catch (err) {
      this.fail(err, 'code');
    } finally {
      this.busy = false;
    }
  }

  private onOtherEmail(): void {
    this.step = 'email';
    this.error = '';
    this.info = '';
    this.focusNext = 'email';
  }
}

customElements.define('wtt-login-form', LoginForm);

declare global {
  interface HTMLElementTagNameMap {
    'wtt-login-form': LoginForm;
  }
}
