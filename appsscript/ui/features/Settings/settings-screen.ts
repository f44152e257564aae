// <adm-settings>: the Settings sidebar: how often breaks are checked, how long Log keeps its rows, the
// spreadsheet's time zone, the bot's address and the admins' alert chat, and the two secrets. A secret is
// never shown, not even to an admin: the page knows only whether it is set, and a value typed into its
// (password) field replaces it. A changed interval or zone re-installs the triggers, as the page says.
import { LitElement, html, css, nothing } from 'lit';
import { SECRET_NAMES, SETTING_KEYS, type AdminPayload, type AdminReply, type SecretName, type SettingKey } from '../../../../common/admin-api.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcState } from '../../controllers/rpc-state.ts';
import { getLang, t } from '../../i18n/locale.ts';
import { errorText } from '../../i18n/error-text.ts';
import { AdminError } from '../../rpc-error.ts';
import { SaveRequest } from '../../request-id.ts';
import { adminTheme } from '../../components/theme.ts';
import { fieldStyles, focusFirstInvalid, selectField, textField } from '../../components/fields.ts';
import { pathErrors, unplacedErrors, type FieldErrors } from '../../components/field-errors.ts';
import { errorState, loadingState, stateStyles } from '../../components/states.ts';
import { timeZones } from '../../components/time-zones.ts';
import type { ConflictRow } from '../../components/conflict-notice.ts';
import type { AdmToast } from '../../components/toast.ts';
import '../../components/screen-header.ts';
import '../../components/conflict-notice.ts';
import '../../components/toast.ts';

type Snapshot = AdminReply<'settings.get'>;

interface Draft {
  values: Record<SettingKey, string>;
  time_zone: string;
  /** Typed new values; empty keeps the secret as it is. */
  secrets: Record<SecretName, string>;
}

/** What Apps Script's time-driven triggers allow (common/admin-api.ts). */
const INTERVALS = ['1', '5', '10', '15', '30'] as const;
/** Keys the server takes only as a value: blank is "the default", which a save cannot ask for. */
const NO_BLANK: readonly SettingKey[] = ['check_interval_minutes', 'retention_days'];
const FIELDS = [...SETTING_KEYS.map((k) => `values.${k}`), 'time_zone', ...SECRET_NAMES.map((n) => `secrets.${n}`)];

function draftOf(s: Snapshot): Draft {
  return { values: { ...s.values }, time_zone: s.time_zone, secrets: { TELEGRAM_BOT_TOKEN: '', BOT_SHARED_SECRET: '' } };
}

export class AdmSettings extends LitElement {
  static override properties = {
    current: { state: true },
    draft: { state: true },
    errors: { state: true },
    conflict: { state: true },
    failure: { state: true },
  };

  static override styles = [
    adminTheme,
    fieldStyles,
    stateStyles,
    css`
      :host { display: block; padding: 0.6rem 0.6rem 3.5rem; }
      section { border-top: 1px solid var(--wtt-line); margin-top: 0.6rem; padding-top: 0.5rem; }
      section:first-of-type { border-top: none; margin-top: 0; padding-top: 0; }
      section h2 { margin-bottom: 0.4rem; }
      .note { border-left: 3px solid var(--wtt-accent); padding: 0.1rem 0 0.1rem 0.5rem; margin: -0.2rem 0 0.6rem; font-size: 12px; }
      .secrets-hint { margin: -0.2rem 0 0.5rem; }
      .form-errors li { list-style: none; }
    `,
  ];

  /** The settings as last read or saved. */
  declare current: Snapshot | null;
  declare draft: Draft | null;
  declare errors: FieldErrors;
  declare conflict: Snapshot | null;
  declare failure: unknown;

  private readonly locale = new LocaleController(this);
  private readonly get = new RpcState(this, 'settings.get');
  private readonly save = new RpcState(this, 'settings.save');
  private readonly saveRequest = new SaveRequest();

  constructor() {
    super();
    this.current = null;
    this.draft = null;
    this.errors = {};
    this.conflict = null;
    this.failure = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    const reply = await this.get.run({});
    if (reply) this.use(reply);
  }

  private use(snapshot: Snapshot): void {
    this.current = snapshot;
    this.draft = draftOf(snapshot);
    this.errors = {};
    this.conflict = null;
    this.failure = null;
  }

  private clearError(path: string): void {
    if (this.errors[path]) {
      const { [path]: _gone, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  private editValue(key: SettingKey, value: string): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, values: { ...this.draft.values, [key]: value } };
    this.clearError(`values.${key}`);
  }

  private editZone(value: string): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, time_zone: value };
    this.clearError('time_zone');
  }

  private editSecret(name: SecretName, value: string): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, secrets: { ...this.draft.secrets, [name]: value } };
    this.clearError(`secrets.${name}`);
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const d = this.draft;
    const now = this.current;
    if (!d || !now || this.save.loading) return;
    const values: Partial<Record<SettingKey, string>> = {};
    const local: Record<string, string> = {};
    for (const key of SETTING_KEYS) {
      const v = d.values[key].trim();
      if (v === '' && NO_BLANK.includes(key)) {
        // Blank means the default only while it was never set; once set, a number is needed.
        if (now.values[key] !== '') local[`values.${key}`] = t().settings.retentionRequired;
        continue;
      }
      values[key] = v;
    }
    if (Object.keys(local).length > 0) {
      this.errors = local;
      void this.updateComplete.then(() => focusFirstInvalid(this.renderRoot));
      return;
    }
    const secrets = Object.fromEntries(SECRET_NAMES.filter((n) => d.secrets[n] !== '').map((n) => [n, d.secrets[n]]));
    const payload = {
      values,
      ...(d.time_zone.trim() !== '' ? { time_zone: d.time_zone.trim() } : {}),
      ...(Object.keys(secrets).length > 0 ? { secrets } : {}),
      version: now.version,
    } as Omit<AdminPayload<'settings.save'>, 'request_id'>;
    const reply = await this.save.run({ ...payload, request_id: this.saveRequest.idFor(payload) });
    if (reply) {
      this.saveRequest.done();
      const s = t().settings;
      const reinstalled = reply.values.check_interval_minutes !== now.values.check_interval_minutes || reply.time_zone !== now.time_zone;
      this.use(reply);
      this.renderRoot.querySelector<AdmToast>('adm-toast')?.show(reinstalled ? s.savedReinstalled : s.saved);
      return;
    }
    this.failed(this.save.error);
  }

  private failed(error: unknown): void {
    const current = error instanceof AdminError && error.code === 'conflict' ? (error.current as Snapshot | undefined) : undefined;
    if (current) {
      this.conflict = current;
      this.errors = {};
      this.failure = null;
      return;
    }
    this.errors = pathErrors(error, getLang());
    this.failure = Object.keys(this.errors).length > 0 ? null : error;
    void this.updateComplete.then(() => focusFirstInvalid(this.renderRoot));
  }

  private intervalText(v: string): string {
    const s = t().settings;
    return v === '' ? s.defaultOption : s.minutes(Number(v));
  }

  private conflictRows(now: Snapshot, d: Draft): ConflictRow[] {
    const s = t().settings;
    return [
      { label: s.interval, now: this.intervalText(now.values.check_interval_minutes), yours: this.intervalText(d.values.check_interval_minutes) },
      { label: s.retention, now: now.values.retention_days, yours: d.values.retention_days.trim() },
      { label: s.timeZone, now: now.time_zone, yours: d.time_zone.trim() },
      { label: s.botUrl, now: now.values.bot_url, yours: d.values.bot_url.trim() },
      { label: s.alertChat, now: now.values.alert_chat_id, yours: d.values.alert_chat_id.trim() },
    ];
  }

  override render() {
    void this.locale;
    return html`
      <adm-screen-header page="Settings"></adm-screen-header>
      ${this.get.status === 'error' ? errorState(this.get.error, () => void this.load()) : nothing}
      ${this.draft && this.current ? this.renderForm(this.current, this.draft) : this.get.status === 'error' ? nothing : loadingState()}
      <adm-toast></adm-toast>
    `;
  }

  private renderForm(now: Snapshot, d: Draft) {
    const s = t();
    const st = s.settings;
    const lang = this.locale.lang;
    const e = this.errors;
    const intervals = [...(now.values.check_interval_minutes === '' ? [''] : []), ...INTERVALS];
    const extra = unplacedErrors(e, FIELDS);
    return html`
      ${this.conflict ? html`<adm-conflict .rows=${this.conflictRows(this.conflict, d)} @adm-reload=${() => this.conflict && this.use(this.conflict)}></adm-conflict>` : nothing}
      <form novalidate @submit=${(ev: Event) => this.submit(ev)}>
        <section aria-labelledby="checks-h">
          <h2 id="checks-h">${st.checks}</h2>
          ${selectField({
            id: 'values.check_interval_minutes',
            label: st.interval,
            value: d.values.check_interval_minutes,
            options: intervals.map((v) => ({ value: v, label: this.intervalText(v) })),
            error: e['values.check_interval_minutes'],
            onChange: (v) => this.editValue('check_interval_minutes', v),
          })}
          <p class="note triggers-note">${st.intervalNote}</p>
        </section>
        <section aria-labelledby="sheet-h">
          <h2 id="sheet-h">${st.spreadsheet}</h2>
          ${textField({ id: 'values.retention_days', label: st.retention, value: d.values.retention_days, inputmode: 'numeric', hint: st.retentionHint, error: e['values.retention_days'], onInput: (v) => this.editValue('retention_days', v) })}
          ${textField({ id: 'time_zone', label: st.timeZone, value: d.time_zone, list: 'zones', placeholder: 'Europe/Moscow', hint: st.timeZoneHint, error: e.time_zone, onInput: (v) => this.editZone(v) })}
          <datalist id="zones">${timeZones().map((z) => html`<option value=${z}></option>`)}</datalist>
        </section>
        <section aria-labelledby="bot-h">
          <h2 id="bot-h">${st.bot}</h2>
          ${textField({ id: 'values.bot_url', label: st.botUrl, value: d.values.bot_url, placeholder: 'https://', hint: st.botUrlHint, error: e['values.bot_url'], onInput: (v) => this.editValue('bot_url', v) })}
          ${textField({ id: 'values.alert_chat_id', label: st.alertChat, value: d.values.alert_chat_id, inputmode: 'numeric', hint: st.alertChatHint, error: e['values.alert_chat_id'], onInput: (v) => this.editValue('alert_chat_id', v) })}
        </section>
        <section aria-labelledby="secrets-h">
          <h2 id="secrets-h">${st.secrets}</h2>
          <p class="hint secrets-hint">${st.secretsHint}</p>
          ${SECRET_NAMES.map((name) =>
            textField({
              id: `secrets.${name}`,
              label: st.secretNames[name],
              type: 'password',
              autocomplete: 'new-password',
              value: d.secrets[name],
              placeholder: now.secrets[name] ? '••••••••' : '',
              hint: now.secrets[name] ? st.secretSet : st.secretNotSet,
              error: e[`secrets.${name}`],
              onInput: (v) => this.editSecret(name, v),
            }),
          )}
        </section>
        ${extra.length > 0 ? html`<ul class="form-errors" role="alert">${extra.map((m) => html`<li>${m}</li>`)}</ul>` : nothing}
        ${this.failure ? html`<p class="form-errors" role="alert">${errorText(this.failure, lang)}</p>` : nothing}
        <div class="actions">
          <button type="submit" class="primary save" ?disabled=${this.save.loading}>${this.save.loading ? s.saving : s.save}</button>
        </div>
      </form>
    `;
  }
}

customElements.define('adm-settings', AdmSettings);

declare global {
  interface HTMLElementTagNameMap {
    'adm-settings': AdmSettings;
  }
}
