// Linking Telegram: a button asks the server for a short code; the person sends `/start CODE` to the bot.
import { LitElement, html, css, nothing } from 'lit';
import { LocaleController } from '../controllers/locale-controller.ts';
import { t } from '../i18n/locale.ts';
import { errorText } from '../i18n/error-text.ts';
import { getLang } from '../i18n/locale.ts';
import { theme } from './theme.ts';

export class TelegramLink extends LitElement {
  static override properties = {
    getCode: { attribute: false },
    code: { state: true },
    minutes: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  static override styles = [theme, css`:host { display: block; } code { font-size: 1.1em; font-weight: 700; }`];

  declare getCode: (() => Promise<{ code: string; expiresAt: number }>) | null;
  declare code: string;
  declare minutes: number;
  declare error: string;
  declare busy: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.getCode = null;
    this.code = '';
    this.minutes = 0;
    this.error = '';
    this.busy = false;
  }

  override render() {
    void this.locale.lang;
    const s = t();
    return html`<section class="card" aria-labelledby="tg-title">
      <h2 id="tg-title">${s.telegramTitle}</h2>
      <p>${s.telegramIntro}</p>
      <button type="button" @click=${this.ask} ?disabled=${this.busy || !this.getCode}>${s.telegramButton}</button>
      <p role="status" aria-live="polite">${this.code ? html`${s.telegramCode(this.code, this.minutes)} <code>/start ${this.code}</code>` : nothing}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    </section>`;
  }

  private async ask(): Promise<void> {
    if (!this.getCode) return;
    this.busy = true;
    this.error = '';
    try {
      const { code, expiresAt } = await this.getCode();
      this.code = code;
      this.minutes = Math.max(1, Math.round((expiresAt - Date.now()) / 60_000));
    } catch (e) {
      this.error = errorText(e, getLang());
    } finally {
      this.busy = false;
    }
  }
}
customElements.define('wtt-telegram-link', TelegramLink);
