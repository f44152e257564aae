// <wtt-app>: the employee page. It renders the AppModel (sign-in, or the day's screens) and turns the
// components' requests into model actions; it never talks to the network itself.
import { LitElement, html, css, nothing } from 'lit';
import type { AppModel } from '../model.ts';
import type { ReminderChange } from '../../../common/reminders.ts';
import { ModelController } from '../controllers/model-controller.ts';
import { LocaleController } from '../controllers/locale-controller.ts';
import { t } from '../i18n/locale.ts';
import { violationsOf } from './today-extras.ts';
import { theme } from './theme.ts';
import './lang-switch.ts';
import './login-form.ts';
import './api-url-form.ts';
import './status-buttons.ts';
import './current-status.ts';
import './break-panel.ts';
import './today-shift.ts';
import './day-timeline.ts';
import './violations-list.ts';
import './sync-state.ts';
import './telegram-link.ts';
import './reminders-card.ts';

export class WttApp extends LitElement {
  static override properties = {
    model: { attribute: false },
    apiUrl: { type: String },
    apiUrlEditable: { type: Boolean },
    actionError: { state: true },
  };

  static override styles = [
    theme,
    css`
      :host { display: block; min-height: 100vh; background: var(--wtt-page); }
      header {
        display: grid; grid-template-columns: 1fr auto; align-items: center; gap: 0.25rem 0.75rem;
        padding: 0.5rem 1rem; background: var(--wtt-bg); border-bottom: 1px solid var(--wtt-line);
      }
      h1 { font-size: 1.15rem; margin: 0; }
      .who { color: var(--wtt-muted); font-size: 0.9rem; overflow-wrap: anywhere; }
      main { display: block; padding: 0.75rem; max-width: 64rem; margin: 0 auto; }
      @media (max-width: 22.5rem) {
        header { padding: 0.5rem; }
        main { padding: 0.5rem; }
      }
      main > * + * { margin-top: 0.75rem; }
      main > .error:empty { margin: 0; }
      main:focus { outline: none; }
      /* minmax(0, ...): a card whose content cannot shrink wraps it instead of widening the column. */
      .cols { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.75rem; }
      @media (min-width: 48rem) {
        .cols { grid-template-columns: repeat(2, minmax(0, 1fr)); align-items: start; }
      }
      details summary { cursor: pointer; color: var(--wtt-accent); min-height: 44px; display: flex; align-items: center; }
    `,
  ];

  declare model: AppModel | null;
  declare apiUrl: string;
  /** Whether the person may change the web app's address (not when the web app itself served the page). */
  declare apiUrlEditable: boolean;
  declare actionError: string;

  private readonly modelController = new ModelController(this);
  // Re-renders on a language switch (the texts below come from t()).
  private readonly locale = new LocaleController(this);
  /** Whether the last render showed the day (null before there was a model). */
  private wasSignedIn: boolean | null = null;

  constructor() {
    super();
    this.model = null;
    this.apiUrl = '';
    this.apiUrlEditable = true;
    this.actionError = '';
    this.addEventListener('wtt-choose-status', (e) => this.run((m) => m.setStatus(e.detail.code)));
    this.addEventListener('wtt-sync-now', () => this.run((m) => m.syncNow()));
    this.addEventListener('wtt-dismiss-refused', (e) => this.run((m) => m.dismissRefused(e.detail.entryId)));
  }

  override willUpdate(): void {
    this.modelController.follow(this.model);
  }

  private get signedIn(): boolean {
    return !!this.model?.session && !this.model.sync.needsLogin;
  }

  override render() {
    const s = t();
    const model = this.model;
    const session = model?.session ?? null;
    // Two rows on a phone: the title and the language; who is signed in and the way out.
    return html`<header>
        <h1>${s.appTitle}</h1>
        <wtt-lang-switch></wtt-lang-switch>
        ${session
          ? html`<span class="who">${s.signedInAs(session.employee.name || session.employee.email)}</span>
              <button type="button" @click=${this.logout}>${s.logout}</button>`
          : nothing}
      </header>
      <main tabindex="-1">
        ${model && (session || model.sync.pending > 0 || model.sync.refused.length > 0)
          ? html`<wtt-sync-state .sync=${model.sync} .statuses=${session?.statuses ?? []} .timeZone=${model.today?.time_zone ?? ''}></wtt-sync-state>`
          : nothing}
        <p class="error" role="alert">${this.actionError}</p>
        ${!model ? html`<p>${s.loading}</p>` : this.signedIn ? this.renderDay(model) : this.renderLogin(model)}
      </main>`;
  }

  private renderLogin(model: AppModel) {
    const s = t();
    const session = model.session;
    return html`<wtt-login-form
        .model=${model}
        .email=${session?.employee.email ?? ''}
        .notice=${model.sync.needsLogin ? s.sessionEnded : ''}
      ></wtt-login-form>
      ${this.apiUrlEditable
        ? html`<details class="card">
            <summary>${s.serverHeading}</summary>
            <wtt-api-url-form .value=${this.apiUrl}></wtt-api-url-form>
          </details>`
        : nothing}`;
  }

  private renderDay(model: AppModel) {
    const s = t();
    const session = model.session!;
    const statuses = session.statuses;
    const today = model.today;
    const violations = violationsOf(today);
    return html`<wtt-current-status
        .current=${model.current}
        .statuses=${statuses}
        .clockOffsetMs=${model.clockOffsetMs}
        .timeZone=${today?.time_zone ?? ''}
      ></wtt-current-status>
      <section class="card" aria-labelledby="status-heading">
        <h2 id="status-heading">${s.statusHeading}</h2>
        <wtt-status-buttons .statuses=${statuses} .current=${model.current?.status ?? ''}></wtt-status-buttons>
      </section>
      <div class="cols">
        <wtt-break-panel .current=${model.current} .today=${today} .statuses=${statuses} .clockOffsetMs=${model.clockOffsetMs}></wtt-break-panel>
        <wtt-today-shift .today=${today} .statuses=${statuses}></wtt-today-shift>
      </div>
      <wtt-day-timeline .today=${today} .statuses=${statuses} .clockOffsetMs=${model.clockOffsetMs}></wtt-day-timeline>
      ${violations ? html`<wtt-violations-list .violations=${violations} .statuses=${statuses}></wtt-violations-list>` : nothing}
      <wtt-reminders .load=${() => model.loadReminders()} .save=${(c: ReminderChange[]) => model.saveReminders(c)} .online=${model.sync.online}></wtt-reminders>
      <wtt-telegram-link .getCode=${() => model.telegramLinkCode()}></wtt-telegram-link>`;
  }

  override updated(): void {
    // After signing in, the form the focus was in is gone: put the focus at the start of the day's screen.
    const signedIn = this.signedIn;
    if (signedIn && this.wasSignedIn === false) this.renderRoot.querySelector('main')?.focus();
    this.wasSignedIn = this.model ? signedIn : null;
  }

  private async logout(): Promise<void> {
    await this.run((m) => m.logout());
  }

  private async run(action: (model: AppModel) => Promise<void>): Promise<void> {
    if (!this.model) return;
    this.actionError = '';
    try {
      await action(this.model);
    } catch (e) {
      this.actionError = e instanceof Error && e.message ? e.message : String(e);
    }
  }
}

customElements.define('wtt-app', WttApp);

declare global {
  interface HTMLElementTagNameMap {
    'wtt-app': WttApp;
  }
}
