// <wtt-reminders>: the person's own reminders (common/reminders.ts), sent by the Telegram bot: a switch per
// kind, the minutes for the two about breaks, one Save. They are kept on the server, not in the outbox: a
// setting is not a status change, and a queued one could fire at the wrong time. So the card needs the
// network, and says so while there is none.
import { LitElement, html, css, nothing } from 'lit';
import type { RemindersReply } from '../../../common/api.ts';
import { hasMinutes, MAX_REMINDER_MINUTES, MIN_REMINDER_MINUTES, type Reminder, type ReminderChange, type ReminderKind } from '../../../common/reminders.ts';
import { LocaleController } from '../controllers/locale-controller.ts';
import { getLang, t } from '../i18n/locale.ts';
import { errorText } from '../i18n/error-text.ts';
import { theme } from './theme.ts';

export class RemindersCard extends LitElement {
  static override properties = {
    load: { attribute: false },
    save: { attribute: false },
    online: { type: Boolean },
    draft: { state: true },
    linked: { state: true },
    busy: { state: true },
    error: { state: true },
    saved: { state: true },
    invalid: { state: true },
  };
  static override styles = [
    theme,
    css`
      :host { display: block; }
      .row {
        display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 0.25rem 0.6rem; align-items: center;
        padding: 0.5rem 0; border-top: 1px solid var(--wtt-line);
      }
      .row label { margin: 0; }
      input[type='checkbox'] { width: 1.5rem; height: 1.5rem; min-height: 0; margin: 0; accent-color: var(--wtt-accent); }
      .mins { grid-column: 2; display: flex; align-items: center; gap: 0.5rem; flex-wrap: wrap; }
      .mins input { width: 5.5rem; }
      .mins span { color: var(--wtt-muted); }
      .actions { margin-top: 0.5rem; }
      .note { background: var(--wtt-warn-bg); color: var(--wtt-warn-text); border-radius: 8px; padding: 0.5rem 0.75rem; }
      .ok { color: var(--wtt-ok-text); }
    `,
  ];

  declare load: (() => Promise<RemindersReply>) | null;
  declare save: ((changes: ReminderChange[]) => Promise<RemindersReply>) | null;
  declare online: boolean;
  /** What the switches and fields show: the server's list, with the person's unsaved edits. */
  declare draft: Reminder[] | null;
  declare linked: boolean;
  declare busy: boolean;
  declare error: string;
  /** The last save went through (said in the language of the moment). */
  declare saved: boolean;
  /** Kinds whose minutes are not a whole number in range. */
  declare invalid: ReminderKind[];
  private readonly locale = new LocaleController(this);
  private loading: Promise<void> | null = null;

  constructor() {
    super();
    this.load = null;
    this.save = null;
    this.online = true;
    this.draft = null;
    this.linked = true;
    this.busy = false;
    this.error = '';
    this.saved = false;
    this.invalid = [];
  }

  override updated(): void {
    // Loaded once the page is online (at once, or when the network comes back).
    if (this.online && this.draft === null && this.load && !this.loading) this.loading = this.fetch();
  }

  private async fetch(): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      this.apply(await this.load!());
    } catch (e) {
      this.error = errorText(e, getLang());
    } finally {
      this.busy = false;
      this.loading = null;
    }
  }

  private apply(reply: RemindersReply): void {
    this.draft = reply.reminders.map((r) => ({ ...r }));
    this.linked = reply.telegram_linked;
    this.invalid = [];
  }

  override render() {
    void this.locale.lang;
    const s = t();
    const draft = this.draft;
    const disabled = this.busy || !this.online;
    return html`<section class="card" aria-labelledby="rem-title">
      <h2 id="rem-title">${s.remindersHeading}</h2>
      <p class="muted">${s.remindersIntro}</p>
      ${!this.online ? html`<p class="note">${s.remindersOffline}</p>` : nothing}
      ${draft
        ? html`<form @submit=${this.submit} novalidate>
            ${draft.map((r) => this.renderRow(r, disabled))}
            <div class="actions"><button type="submit" class="primary" ?disabled=${disabled}>${this.busy ? s.remindersSaving : s.remindersSave}</button></div>
          </form>
          ${this.linked ? nothing : html`<p class="muted">${s.remindersNotLinked}</p>`}`
        : this.online && this.busy ? html`<p>${s.loading}</p>` : nothing}
      <p role="status" aria-live="polite" class="ok">${this.saved ? s.remindersSaved : ''}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    </section>`;
  }

  private renderRow(r: Reminder, disabled: boolean) {
    const s = t();
    const id = `rem-${r.kind}`;
    const label = s.reminderKinds[r.kind];
    const bad = this.invalid.includes(r.kind);
    return html`<div class="row">
      <input type="checkbox" role="switch" id=${id} .checked=${r.enabled} ?disabled=${disabled} @change=${(e: Event) => this.edit(r.kind, { enabled: (e.target as HTMLInputElement).checked })} />
      <label for=${id}>${label}</label>
      ${hasMinutes(r.kind)
        ? html`<div class="mins">
            <input
              type="number"
              inputmode="numeric"
              id=${`${id}-min`}
              min=${MIN_REMINDER_MINUTES}
              max=${MAX_REMINDER_MINUTES}
              step="1"
              .value=${Number.isNaN(r.minutes) ? '' : String(r.minutes)}
              ?disabled=${disabled}
              aria-label=${s.reminderMinutesLabel(label)}
              aria-invalid=${bad ? 'true' : 'false'}
              @input=${(e: Event) => this.edit(r.kind, { minutes: (e.target as HTMLInputElement).valueAsNumber })}
            />
            <span aria-hidden="true">${s.reminderMinutesBefore}</span>
          </div>`
        : nothing}
    </div>`;
  }

  private edit(kind: ReminderKind, change: Partial<Reminder>): void {
    if (!this.draft) return;
    this.draft = this.draft.map((r) => (r.kind === kind ? { ...r, ...change } : r));
    this.saved = false;
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    if (!this.draft || !this.save || this.busy) return;
    const s = t();
    const ok = (m: number) => Number.isInteger(m) && m >= MIN_REMINDER_MINUTES && m <= MAX_REMINDER_MINUTES;
    this.invalid = this.draft.filter((r) => hasMinutes(r.kind) && !ok(r.minutes)).map((r) => r.kind);
    if (this.invalid.length > 0) {
      this.error = s.remindersBadMinutes(MIN_REMINDER_MINUTES, MAX_REMINDER_MINUTES);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>(`#rem-${this.invalid[0]}-min`)?.focus();
      return;
    }
    this.busy = true;
    this.error = '';
    this.saved = false;
    try {
      this.apply(await this.save(this.draft.map((r) => (hasMinutes(r.kind) ? { kind: r.kind, enabled: r.enabled, minutes: r.minutes } : { kind: r.kind, enabled: r.enabled }))));
      this.saved = true;
    } catch (err) {
      this.error = errorText(err, getLang());
    } finally {
      this.busy = false;
    }
  }
}
customElements.define('wtt-reminders', RemindersCard);
