// <adm-settings>: the Settings sidebar: how often breaks are checked, how long Log keeps its rows, the
// spreadsheet's time zone, the bot's address and the admins' alert chat, and the two secrets. A secret is
// never shown, not even to an admin: the page knows only whether it is set, and a value typed into its
// (password) field replaces it. A changed interval or zone re-installs the triggers, as the page says.
import { LitElement, html, css, nothing } from 'lit';
import { SECRET_NAMES, SETTING_KEYS, type AdminPayload, type AdminReply, type SecretName, type SettingKey } from '../../../../common/admin-api.ts';
import { FormState } from '../../controllers/form-state.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcWrite } from '../../controllers/rpc-state.ts';
import { ScreenRead } from '../../controllers/screen-read.ts';
import { t } from '../../i18n/locale.ts';
import { fieldStyles, selectField, textField } from '../../components/fields.ts';
import { pathErrors } from '../../components/field-errors.ts';
import { screenStyles } from '../../components/screen.ts';
import { timeZones } from '../../components/time-zones.ts';
import type { ConflictRow } from '../../components/conflict-notice.ts';
import { showToast } from '../../components/toast.ts';
import '../../components/screen-header.ts';

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
const NO_BLANK: readonly SettingKey[] = ['check_interval_minutes', 'retention_days', 'floor_refresh_seconds', 'daily_keep_months'];
const FIELDS = [...SETTING_KEYS.map((k) => `values.${k}`), 'time_zone', ...SECRET_NAMES.map((n) => `secrets.${n}`)];

/** The settings' values to edit; all blank before they are read. */
function draftOf(s: Snapshot | null): Draft {
  // A key the server does not send yet (an older script) reads as blank: the default.
  const values = Object.fromEntries(SETTING_KEYS.map((k) => [k, s?.values[k] ?? ''])) as Record<SettingKey, string>;
  return { values, time_zone: s?.time_zone ?? '', secrets: { TELEGRAM_BOT_TOKEN: '', BOT_SHARED_SECRET: '' } };
}

export class AdmSettings extends LitElement {
  static override properties = { current: { state: true } };

  static override styles = [
    screenStyles,
    fieldStyles,
    css`
      section { border-top: 1px solid var(--wtt-line); margin-top: 0.6rem; padding-top: 0.5rem; }
      section:first-of-type { border-top: none; margin-top: 0; padding-top: 0; }
      section h2 { margin-bottom: 0.4rem; }
      .note { border-left: 3px solid var(--wtt-accent); padding: 0.1rem 0 0.1rem 0.5rem; margin: -0.2rem 0 0.6rem; font-size: 12px; }
      .secrets-hint { margin: -0.2rem 0 0.5rem; }
    `,
  ];

  /** The settings as last read or saved. */
  declare current: Snapshot | null;

  private readonly locale = new LocaleController(this);
  private readonly get = new ScreenRead(this, 'settings.get', (snapshot) => this.use(snapshot));
  private readonly save = new RpcWrite(this, 'settings.save');
  // One record, the settings: a conflict is always about them. A problem's path names its control.
  private readonly form = new FormState<Draft, Snapshot>(this, {
    draft: draftOf(null),
    problems: (error, lang) => pathErrors(error, lang),
    reload: (current) => this.use(current),
  });

  constructor() {
    super();
    this.current = null;
  }

  private use(snapshot: Snapshot): void {
    this.current = snapshot;
    this.form.reset(draftOf(snapshot));
  }

  private editValue(key: SettingKey, value: string): void {
    const d = this.form.draft;
    this.form.change({ ...d, values: { ...d.values, [key]: value } }, `values.${key}`);
  }

  private editSecret(name: SecretName, value: string): void {
    const d = this.form.draft;
    this.form.change({ ...d, secrets: { ...d.secrets, [name]: value } }, `secrets.${name}`);
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const d = this.form.draft;
    const now = this.current;
    if (!now || this.save.loading) return;
    const values: Partial<Record<SettingKey, string>> = {};
    const local: Record<string, string> = {};
    for (const key of SETTING_KEYS) {
      const v = d.values[key].trim();
      if (v === '' && NO_BLANK.includes(key)) {
        // Blank means the default only while it was never set; once set, a number is needed.
        if ((now.values[key] ?? '') !== '') {
          const st = t().settings;
          local[`values.${key}`] = key === 'floor_refresh_seconds' ? st.secondsRequired : key === 'daily_keep_months' ? st.dailyKeepRequired : st.retentionRequired;
        }
        continue;
      }
      values[key] = v;
    }
    if (Object.keys(local).length > 0) {
      this.form.invalid(local);
      return;
    }
    const secrets = Object.fromEntries(SECRET_NAMES.filter((n) => d.secrets[n] !== '').map((n) => [n, d.secrets[n]]));
    const payload = {
      values,
      ...(d.time_zone.trim() !== '' ? { time_zone: d.time_zone.trim() } : {}),
      ...(Object.keys(secrets).length > 0 ? { secrets } : {}),
      version: now.version,
    } as Omit<AdminPayload<'settings.save'>, 'request_id'>;
    const reply = await this.form.send(this.save, payload);
    if (!reply) return;
    const s = t().settings;
    const reinstalled = reply.values.check_interval_minutes !== now.values.check_interval_minutes || reply.time_zone !== now.time_zone;
    this.use(reply);
    showToast(this, reinstalled ? s.savedReinstalled : s.saved);
  }

  private intervalText(v: string): string {
    const s = t().settings;
    return v === '' ? s.defaultOption : s.minutes(Number(v));
  }

  private conflictRows(now: Snapshot, d: Draft): ConflictRow[] {
    const s = t().settings;
    return [
      { label: s.interval, now: this.intervalText(now.values.check_interval_minutes), yours: this.intervalText(d.values.check_interval_minutes) },
      { label: s.floorRefresh, now: now.values.floor_refresh_seconds ?? '', yours: d.values.floor_refresh_seconds.trim() },
      { label: s.retention, now: now.values.retention_days, yours: d.values.retention_days.trim() },
      { label: s.dailyKeep, now: now.values.daily_keep_months ?? '', yours: d.values.daily_keep_months.trim() },
      { label: s.timeZone, now: now.time_zone, yours: d.time_zone.trim() },
      { label: s.botUrl, now: now.values.bot_url, yours: d.values.bot_url.trim() },
      { label: s.alertChat, now: now.values.alert_chat_id, yours: d.values.alert_chat_id.trim() },
    ];
  }

  override render() {
    void this.locale;
    return html`
      <adm-screen-header page="Settings"></adm-screen-header>
      ${this.get.render(() => (this.current ? this.renderForm(this.current, this.form.draft) : nothing))}
      <adm-toast></adm-toast>
    `;
  }

  private renderForm(now: Snapshot, d: Draft) {
    const s = t();
    const st = s.settings;
    const e = this.form.errors;
    const intervals = [...(now.values.check_interval_minutes === '' ? [''] : []), ...INTERVALS];
    return html`
      ${this.form.renderConflict((current) => this.conflictRows(current, d))}
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
          ${textField({
            id: 'values.floor_refresh_seconds',
            label: st.floorRefresh,
            value: d.values.floor_refresh_seconds,
            inputmode: 'numeric',
            hint: st.floorRefreshHint,
            error: e['values.floor_refresh_seconds'],
            onInput: (v) => this.editValue('floor_refresh_seconds', v),
          })}
        </section>
        <section aria-labelledby="sheet-h">
          <h2 id="sheet-h">${st.spreadsheet}</h2>
          ${textField({ id: 'values.retention_days', label: st.retention, value: d.values.retention_days, inputmode: 'numeric', hint: st.retentionHint, error: e['values.retention_days'], onInput: (v) => this.editValue('retention_days', v) })}
          ${textField({ id: 'values.daily_keep_months', label: st.dailyKeep, value: d.values.daily_keep_months, inputmode: 'numeric', hint: st.dailyKeepHint, error: e['values.daily_keep_months'], onInput: (v) => this.editValue('daily_keep_months', v) })}
          ${textField({ id: 'time_zone', label: st.timeZone, value: d.time_zone, list: 'zones', placeholder: 'Europe/Moscow', hint: st.timeZoneHint, error: e.time_zone, onInput: (v) => this.form.edit('time_zone', v) })}
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
        ${this.form.renderProblems(FIELDS)}
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
