// <adm-doctor>: the Doctor sidebar: everything that has to be right (tabs and their versions, triggers and
// their last runs, the web app, the bot, the email quota, rows that cannot be used), checked when it opens
// and on "Run again", problems first. Each problem says what fixes it; where that is a screen of the console
// or an item of the menu, a button opens or runs it (google.script.run.show<Page>() or the menu's function).
// A test chat id sends the bot a test message the way alerts go.
import { LitElement, html, css, nothing } from 'lit';
import type { AdminReply, DoctorCheck } from '../../../../common/admin-api.ts';
import { SCREENS, showName, type ScreenPage } from '../../../../common/screens.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcState } from '../../controllers/rpc-state.ts';
import { t, type Lang } from '../../i18n/locale.ts';
import { pickLanguage } from '../../i18n/server-text.ts';
import { fieldStyles, focusFirstInvalidWhenDrawn, textField } from '../../components/fields.ts';
import { pathErrors, type FieldErrors } from '../../components/field-errors.ts';
import { errorState, loadingState } from '../../components/states.ts';
import { screenStyles } from '../../components/screen.ts';
import { showToast } from '../../components/toast.ts';
import '../../components/screen-header.ts';

type State = DoctorCheck['state'];
const ORDER: Record<State, number> = { fail: 0, warn: 1, ok: 2 };
/** doctor.run's check of the test message (docs/admin-api.md). */
const TEST_CHECK = 'bot_test';

/** google.script.run as the doctor uses it: a function of the server by its name. */
interface ServerRun {
  withSuccessHandler(f: (v: unknown) => void): ServerRun;
  withFailureHandler(f: (e: unknown) => void): ServerRun;
  [name: string]: unknown;
}

function serverRun(): ServerRun | null {
  const g = (globalThis as { google?: { script?: { run?: ServerRun } } }).google;
  return g?.script?.run ?? null;
}

/** Calls a server function with no arguments; resolves when it returned, rejects with its failure. */
function callServer(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const run = serverRun();
    if (!run) return reject(new Error('google.script.run is not available on this page / google.script.run недоступен на этой странице'));
    const fn = run.withSuccessHandler(() => resolve()).withFailureHandler(reject)[name];
    if (typeof fn !== 'function') return reject(new Error(`no server function ${name}`));
    (fn as () => void)();
  });
}

function isScreen(name: string | undefined): name is ScreenPage {
  return name !== undefined && Object.prototype.hasOwnProperty.call(SCREENS, name);
}

/** Two checks fixed by the same button (the triggers and each trigger's runs: Install triggers). */
function sameFix(a: DoctorCheck, b: DoctorCheck): boolean {
  return a.fix !== undefined && b.fix !== undefined && ((a.fix.action !== undefined && a.fix.action === b.fix.action) || (a.fix.screen !== undefined && a.fix.screen === b.fix.screen));
}

function timeText(at: number, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', { hour: '2-digit', minute: '2-digit' }).format(at);
}

export class AdmDoctor extends LitElement {
  static override properties = { testChat: { state: true }, errors: { state: true }, acting: { state: true }, actionFailure: { state: true } };
  static override styles = [
    screenStyles,
    fieldStyles,
    css`
      /* The button goes under the summary when both do not fit (a long summary, the Russian label). */
      .top { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 0.5rem; justify-content: space-between; margin-bottom: 0.4rem; }
      .top > div { flex: 1 1 9rem; min-width: 0; }
      .top button { flex: none; white-space: nowrap; }
      .summary { font-weight: 600; margin: 0; }
      .summary.bad { color: var(--wtt-danger); }
      .at { color: var(--wtt-muted); font-size: 12px; margin: 0; }
      ol.checks { margin: 0.4rem 0 0.75rem; }
      li.check { border: 1px solid var(--wtt-line); border-left-width: 4px; border-radius: 6px; padding: 0.35rem 0.5rem; margin-bottom: 0.4rem; }
      li.check.fail { border-left-color: var(--wtt-danger); }
      li.check.warn { border-left-color: #b58100; }
      li.check.ok { border-left-color: var(--wtt-ok-text); }
      .head { display: flex; align-items: baseline; gap: 0.4rem; }
      .head h3 { margin: 0; flex: 1 1 auto; min-width: 0; overflow-wrap: anywhere; font-size: 14px; }
      .badge.fail { background: #fdf0ef; color: var(--wtt-danger); border-color: transparent; }
      ul.detail { margin: 0.2rem 0 0; font-size: 12px; color: var(--wtt-muted); overflow-wrap: anywhere; }
      ul.detail li + li { margin-top: 0.1rem; }
      .fix { margin: 0.35rem 0 0.1rem; font-size: 12px; }
      .fix strong { font-weight: 600; }
      .fix button { font-size: 13px; }
      .fix-error { color: var(--wtt-danger); font-size: 12px; margin: 0.2rem 0 0; }
      section.test { border-top: 1px solid var(--wtt-line); padding-top: 0.5rem; }
    `,
  ];

  /** The chat id typed for the bot's test message. */
  declare testChat: string;
  declare errors: FieldErrors;
  /** The check whose fix is running. */
  declare acting: string | null;
  declare actionFailure: { id: string; message: string } | null;

  private readonly locale = new LocaleController(this);
  private readonly doctor = new RpcState(this, 'doctor.run');

  constructor() {
    super();
    this.testChat = '';
    this.errors = {};
    this.acting = null;
    this.actionFailure = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.run();
  }

  /** Runs every check; with a chat id, the bot's test message as well. */
  async run(testChatId?: string): Promise<void> {
    this.actionFailure = null;
    const reply = await this.doctor.run(testChatId === undefined ? {} : { test_chat_id: testChatId });
    this.errors = reply ? {} : pathErrors(this.doctor.error, this.locale.lang);
    if (this.errors.test_chat_id) focusFirstInvalidWhenDrawn(this);
  }

  private sendTest(e: Event): void {
    e.preventDefault();
    const chat = this.testChat.trim();
    if (chat === '') {
      this.errors = { test_chat_id: t().fieldRequired };
      focusFirstInvalidWhenDrawn(this);
      return;
    }
    void this.run(chat);
  }

  private async fix(check: DoctorCheck, name: string, rerun: boolean): Promise<void> {
    this.acting = check.id;
    this.actionFailure = null;
    try {
      await callServer(name);
      if (rerun) {
        showToast(this, t().doctor.actionDone);
        await this.run();
      }
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.actionFailure = { id: check.id, message: pickLanguage(message.replace(/^\w+: /, ''), this.locale.lang) };
    } finally {
      this.acting = null;
    }
  }

  override render() {
    void this.locale;
    const reply = this.doctor.value;
    return html`
      <adm-screen-header page="Doctor"></adm-screen-header>
      ${this.doctor.status === 'error' && !this.errors.test_chat_id ? errorState(this.doctor.error, () => void this.run()) : nothing}
      ${reply ? this.renderChecks(reply) : this.doctor.loading ? loadingState(t().doctor.running) : nothing}
      ${this.renderTest()}
      <adm-toast></adm-toast>
    `;
  }

  private renderChecks(reply: AdminReply<'doctor.run'>) {
    const d = t().doctor;
    const lang = this.locale.lang;
    // The test message's result is shown by its form.
    const checks = reply.checks.filter((c) => c.id !== TEST_CHECK).sort((a, b) => ORDER[a.state] - ORDER[b.state]);
    const fails = checks.filter((c) => c.state === 'fail').length;
    const warns = checks.filter((c) => c.state === 'warn').length;
    return html`
      <div class="top">
        <div>
          <p class="summary ${fails > 0 ? 'bad' : ''}" role="status">${fails + warns === 0 ? d.allRight : d.summary(fails, warns)}</p>
          <p class="at">${d.checkedAt(timeText(reply.at, lang))}</p>
        </div>
        <button type="button" class="run-again" ?disabled=${this.doctor.loading} @click=${() => this.run()}>${this.doctor.loading ? d.running : d.runAgain}</button>
      </div>
      <ol class="checks all">
        ${checks.map((c, i) => this.renderCheck(c, lang, checks.slice(0, i).some((b) => sameFix(b, c))))}
      </ol>
    `;
  }

  /** `repeated`: a check above has the same fix, whose button serves this one too. */
  private renderCheck(c: DoctorCheck, lang: Lang, repeated = false) {
    const d = t().doctor;
    const lines = c.detail[lang].split('; ').filter((l) => l !== '');
    return html`<li class="check ${c.state}" data-id=${c.id}>
      <div class="head">
        <h3>${c.title[lang]}</h3>
        <span class="badge ${c.state}">${d.states[c.state]}</span>
      </div>
      ${lines.length > 0 ? html`<ul class="detail">${lines.map((l) => html`<li>${l}</li>`)}</ul>` : nothing}
      ${c.fix ? (repeated ? html`<p class="fix same">${d.sameFix(this.fixLabel(c.fix, lang))}</p>` : this.renderFix(c, c.fix, lang)) : nothing}
      ${this.actionFailure?.id === c.id ? html`<p class="fix-error" role="alert">${this.actionFailure.message}</p>` : nothing}
    </li>`;
  }

  /** What a fix's button says: open the screen, or the menu item's name. */
  private fixLabel(fix: NonNullable<DoctorCheck['fix']>, lang: Lang): string {
    const d = t().doctor;
    if (isScreen(fix.screen)) return d.open(SCREENS[fix.screen].title[lang]);
    if (fix.action) return d.actions[fix.action] ?? fix[lang];
    return fix[lang];
  }

  private renderFix(c: DoctorCheck, fix: NonNullable<DoctorCheck['fix']>, lang: Lang) {
    const d = t().doctor;
    const busy = this.acting !== null;
    if (isScreen(fix.screen)) {
      const page = fix.screen;
      return html`<p class="fix">
        <button type="button" class="open-screen" ?disabled=${busy} @click=${() => this.fix(c, showName(page), false)}>${this.fixLabel(fix, lang)}</button>
      </p>`;
    }
    if (fix.action && /^[A-Za-z]\w*$/.test(fix.action)) {
      const action = fix.action;
      return html`<p class="fix">
        <button type="button" class="run-action" ?disabled=${busy} @click=${() => this.fix(c, action, true)}>
          ${this.acting === c.id ? d.actionRunning : (d.actions[action] ?? d.runAction)}
        </button>
      </p>`;
    }
    return html`<p class="fix"><strong>${`${d.fix}:`}</strong> ${fix[lang]}</p>`;
  }

  private renderTest() {
    const s = t();
    const d = s.doctor;
    const test = this.doctor.value?.checks.find((c) => c.id === TEST_CHECK);
    return html`<section class="test" aria-labelledby="test-h">
      <h2 id="test-h" class="visually-hidden">${d.testChat}</h2>
      <form novalidate @submit=${(e: Event) => this.sendTest(e)}>
        ${textField({
          id: 'test_chat_id',
          label: d.testChat,
          value: this.testChat,
          inputmode: 'numeric',
          placeholder: '-1001234567890',
          hint: d.testChatHint,
          error: this.errors.test_chat_id,
          onInput: (v) => {
            this.testChat = v;
            this.errors = {};
          },
        })}
        <button type="submit" class="send-test" ?disabled=${this.doctor.loading}>${d.sendTest}</button>
      </form>
      ${test ? html`<ol class="checks test-result">${this.renderCheck(test, this.locale.lang)}</ol>` : nothing}
    </section>`;
  }
}

customElements.define('adm-doctor', AdmDoctor);

declare global {
  interface HTMLElementTagNameMap {
    'adm-doctor': AdmDoctor;
  }
}
