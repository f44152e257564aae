// <adm-person-form>: adds a person or edits one (name, email, group, role, time zone, active), and for an
// existing person deactivates them or ends their sessions, each after a confirm. Shows their devices and
// when they were last seen. A save that someone else's save overtook shows both versions (adm-conflict).
// Tells the screen `adm-saved` ({record, created}) after a save and `adm-changed` (record) after the others.
import { LitElement, html, css, nothing } from 'lit';
import type { AdminReply, PersonRecord, Viewer } from '../../../../common/admin-api.ts';
import { ROLES, type Role } from '../../../../common/status.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcState } from '../../controllers/rpc-state.ts';
import { t, getLang } from '../../i18n/locale.ts';
import { errorText } from '../../i18n/error-text.ts';
import { formatAgo } from '../../i18n/format.ts';
import { AdminError } from '../../rpc-error.ts';
import { SaveRequest } from '../../request-id.ts';
import { adminTheme } from '../../components/theme.ts';
import { checkField, fieldStyles, focusFirstInvalid, selectField, textField } from '../../components/fields.ts';
import { fieldErrors, unplacedErrors, type FieldErrors } from '../../components/field-errors.ts';
import { timeZones } from '../../components/time-zones.ts';
import type { ConflictRow } from '../../components/conflict-notice.ts';
import '../../components/conflict-notice.ts';
import '../../components/confirm-step.ts';

interface Draft {
  name: string;
  email: string;
  group: string;
  role: Role;
  timezone: string;
  active: boolean;
}

const FIELDS = ['name', 'email', 'group', 'role', 'timezone', 'active'] as const;
type Confirming = 'deactivate' | 'revoke' | 'save-inactive' | null;

function draftOf(p: PersonRecord | null, groups: readonly string[]): Draft {
  return p
    ? { name: p.name, email: p.email, group: p.group, role: p.role, timezone: p.timezone, active: p.active }
    : { name: '', email: '', group: groups[0] ?? '', role: 'employee', timezone: '', active: true };
}

/** The admin's edits (where the draft differs from what was read) on top of the record as it is now. */
function rebased(draft: Draft, before: PersonRecord, now: PersonRecord): Draft {
  const base = draftOf(before, []);
  const next = draftOf(now, []);
  const out = { ...next } as Record<keyof Draft, unknown>;
  for (const key of Object.keys(base) as (keyof Draft)[]) if (draft[key] !== base[key]) out[key] = draft[key];
  return out as unknown as Draft;
}

export class AdmPersonForm extends LitElement {
  static override properties = {
    record: { attribute: false },
    groups: { attribute: false },
    viewer: { attribute: false },
    now: { type: Number },
    draft: { state: true },
    errors: { state: true },
    conflict: { state: true },
    confirming: { state: true },
    failure: { state: true },
  };

  static override styles = [
    adminTheme,
    fieldStyles,
    css`
      :host { display: block; }
      .top { display: flex; align-items: baseline; gap: 0.5rem; margin-bottom: 0.5rem; }
      .top h2 { flex: 1 1 auto; margin: 0; overflow-wrap: anywhere; }
      .id { color: var(--wtt-muted); font-size: 12px; }
      section { border-top: 1px solid var(--wtt-line); margin-top: 0.9rem; padding-top: 0.5rem; }
      section h3 { margin-top: 0; }
      ul.devices li { display: flex; gap: 0.5rem; justify-content: space-between; padding: 0.15rem 0; border-bottom: 1px dotted var(--wtt-line); }
      ul.devices code { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; font-size: 12px; }
      .seen { white-space: nowrap; color: var(--wtt-muted); font-size: 12px; }
      .facts { color: var(--wtt-muted); font-size: 12px; margin-bottom: 0.4rem; }
      .form-errors li { list-style: none; }
    `,
  ];

  declare record: PersonRecord | null;
  declare groups: readonly string[];
  /** Who is looking: a lead is offered only the employee role (the server refuses the others). */
  declare viewer: Viewer | null;
  declare now: number;
  declare draft: Draft;
  declare errors: FieldErrors;
  /** The person as they are now, when someone else's save came first. */
  declare conflict: PersonRecord | null;
  declare confirming: Confirming;

  private readonly locale = new LocaleController(this);
  private readonly save = new RpcState(this, 'people.save');
  private readonly deactivate = new RpcState(this, 'people.deactivate');
  private readonly revoke = new RpcState(this, 'people.revoke');
  private readonly saveRequest = new SaveRequest();
  private readonly deactivateRequest = new SaveRequest();
  private readonly revokeRequest = new SaveRequest();
  /** The last failure that is not a field's (shown above the buttons). */
  declare failure: unknown;
  /** Set while the record changes by this form's own action (not a save): the admin's unsaved edits stay. */
  private keepEdits = false;

  constructor() {
    super();
    this.record = null;
    this.groups = [];
    this.viewer = null;
    this.now = Date.now();
    this.draft = draftOf(null, []);
    this.errors = {};
    this.conflict = null;
    this.confirming = null;
    this.failure = null;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('record')) {
      const before = changed.get('record') as PersonRecord | null | undefined;
      this.draft = this.keepEdits && before && this.record ? rebased(this.draft, before, this.record) : draftOf(this.record, this.groups);
      this.keepEdits = false;
      this.errors = {};
      this.conflict = null;
      this.confirming = null;
      this.failure = null;
    } else if (changed.has('groups') && !this.record && !this.draft.group) {
      this.draft = { ...this.draft, group: this.groups[0] ?? '' };
    }
  }

  private edit<K extends keyof Draft>(key: K, value: Draft[K]): void {
    this.draft = { ...this.draft, [key]: value };
    if (this.errors[key]) {
      const { [key]: _gone, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  private get busy(): boolean {
    return this.save.loading || this.deactivate.loading || this.revoke.loading;
  }

  private submit(e: Event): void {
    e.preventDefault();
    if (this.busy) return;
    // Turning someone off by the checkbox is the same step as the Deactivate button: asked first.
    if (this.record?.active && !this.draft.active && this.confirming !== 'save-inactive') {
      this.confirming = 'save-inactive';
      return;
    }
    void this.doSave();
  }

  private async doSave(): Promise<void> {
    this.confirming = null;
    const payload = { ...this.draft, ...(this.record ? { id: this.record.id, version: this.record.version } : {}) };
    const reply = await this.save.run({ ...payload, request_id: this.saveRequest.idFor(payload) });
    if (reply) {
      this.saveRequest.done();
      this.dispatchEvent(new CustomEvent<AdminReply<'people.save'>>('adm-saved', { detail: reply, bubbles: true, composed: true }));
      return;
    }
    this.failed(this.save.error);
  }

  private async doDeactivate(): Promise<void> {
    const record = this.record;
    if (!record) return;
    const payload = { id: record.id, version: record.version };
    const reply = await this.deactivate.run({ ...payload, request_id: this.deactivateRequest.idFor(payload) });
    this.confirming = null;
    if (reply) {
      this.deactivateRequest.done();
      this.changed(reply.record, t().people.deactivated(reply.record.name));
    } else this.failed(this.deactivate.error);
  }

  private async doRevoke(): Promise<void> {
    const record = this.record;
    if (!record) return;
    const payload = { id: record.id };
    const reply = await this.revoke.run({ ...payload, request_id: this.revokeRequest.idFor(payload) });
    this.confirming = null;
    if (reply) {
      this.revokeRequest.done();
      this.changed(reply.record, t().people.revoked(reply.record.name));
    } else this.failed(this.revoke.error);
  }

  private changed(record: PersonRecord, message: string): void {
    this.keepEdits = true;
    this.dispatchEvent(new CustomEvent('adm-changed', { detail: { record, message }, bubbles: true, composed: true }));
  }

  private failed(error: unknown): void {
    const lang = getLang();
    const current = error instanceof AdminError && error.code === 'conflict' ? (error.current as PersonRecord | undefined) : undefined;
    // The same person changed meanwhile: show both. Another person holding the email: a problem of that field.
    if (current && this.record && current.id === this.record.id) {
      this.conflict = current;
      this.errors = {};
      this.failure = null;
      return;
    }
    this.errors = current && error instanceof AdminError && error.details.field === 'email'
      ? { email: t().alreadyUsedBy(`${current.name} (${current.id})`) }
      : fieldErrors(error, lang);
    this.failure = Object.keys(this.errors).length > 0 ? null : error;
    void this.updateComplete.then(() => focusFirstInvalid(this.renderRoot));
  }

  private reloadCurrent(): void {
    const current = this.conflict;
    if (!current) return;
    // The screen swaps the record; willUpdate then starts the draft from the current values.
    this.dispatchEvent(new CustomEvent('adm-changed', { detail: { record: current, message: '' }, bubbles: true, composed: true }));
  }

  private conflictRows(current: PersonRecord): ConflictRow[] {
    const p = t().people;
    const yes = t().yes;
    const no = t().no;
    return [
      { label: p.name, now: current.name, yours: this.draft.name },
      { label: p.email, now: current.email, yours: this.draft.email },
      { label: p.group, now: current.group, yours: this.draft.group },
      { label: p.role, now: p.roles[current.role], yours: p.roles[this.draft.role] },
      { label: p.timezone, now: current.timezone, yours: this.draft.timezone },
      { label: p.active, now: current.active ? yes : no, yours: this.draft.active ? yes : no },
    ];
  }

  /** Every role for an admin; for a lead (or before the list said who is looking) the employee role, and the
   *  person's own role so that it still reads right. */
  private roleChoices(current: Role): readonly Role[] {
    if (this.viewer?.role === 'admin') return ROLES;
    return ROLES.filter((role) => role === 'employee' || role === current);
  }

  override render() {
    const s = t();
    const p = s.people;
    const r = this.record;
    const d = this.draft;
    const lang = this.locale.lang;
    const groupOptions = [...new Set([...this.groups, ...(d.group ? [d.group] : [])])].map((g) => ({ value: g, label: g }));
    const extra = unplacedErrors(this.errors, FIELDS);
    return html`
      <div class="top">
        <h2>${r ? r.name : p.newHeading}</h2>
        ${r ? html`<span class="id">${p.idLine(r.id)}</span>` : nothing}
      </div>
      ${this.conflict ? html`<adm-conflict .rows=${this.conflictRows(this.conflict)} @adm-reload=${() => this.reloadCurrent()}></adm-conflict>` : nothing}
      <form novalidate @submit=${(e: Event) => this.submit(e)}>
        ${textField({ id: 'name', label: p.name, value: d.name, required: true, autocomplete: 'off', error: this.errors.name, onInput: (v) => this.edit('name', v) })}
        ${textField({ id: 'email', label: p.email, type: 'email', value: d.email, required: true, error: this.errors.email, onInput: (v) => this.edit('email', v) })}
        ${selectField({ id: 'group', label: p.group, value: d.group, options: groupOptions, required: true, error: this.errors.group, onChange: (v) => this.edit('group', v) })}
        ${selectField({
          id: 'role',
          label: p.role,
          value: d.role,
          options: this.roleChoices(d.role).map((role) => ({ value: role, label: p.roles[role] })),
          error: this.errors.role,
          onChange: (v) => this.edit('role', v as Role),
        })}
        ${textField({ id: 'timezone', label: p.timezone, value: d.timezone, list: 'zones', placeholder: 'Europe/Moscow', hint: p.timezoneHint, error: this.errors.timezone, onInput: (v) => this.edit('timezone', v) })}
        <datalist id="zones">${timeZones().map((z) => html`<option value=${z}></option>`)}</datalist>
        ${checkField({ id: 'active', label: p.activeLabel, checked: d.active, error: this.errors.active, onChange: (v) => this.edit('active', v) })}
        ${extra.length > 0 ? html`<ul class="form-errors" role="alert">${extra.map((m) => html`<li>${m}</li>`)}</ul>` : nothing}
        ${this.failure ? html`<p class="form-errors" role="alert">${errorText(this.failure, lang)}</p>` : nothing}
        ${Object.keys(this.errors).length > 0 ? html`<p class="form-errors visually-hidden" role="alert">${s.errCheckFields}</p>` : nothing}
        ${this.confirming === 'save-inactive' && r
          ? html`<adm-confirm danger .message=${p.deactivateOnSave(r.name)} .confirmLabel=${s.save} ?busy=${this.busy} @adm-confirm=${() => this.doSave()} @adm-cancel=${() => (this.confirming = null)}></adm-confirm>`
          : html`<div class="actions">
              <button type="submit" class="primary save" ?disabled=${this.busy}>${this.save.loading ? s.saving : s.save}</button>
              <button type="button" class="cancel" @click=${() => this.dispatchEvent(new CustomEvent('adm-close', { bubbles: true, composed: true }))}>${s.cancel}</button>
            </div>`}
      </form>
      ${r ? this.renderExisting(r) : nothing}
    `;
  }

  private renderExisting(r: PersonRecord) {
    const s = t();
    const p = s.people;
    const lang = this.locale.lang;
    return html`
      <section aria-labelledby="sessions-h">
        <h3 id="sessions-h">${p.sessions}</h3>
        <p class="facts">${r.telegram_chat_id ? p.telegramLinked : p.telegramNotLinked} · ${p.lastSeen}: ${formatAgo(r.last_seen, this.now, lang)}</p>
        <p class="hint small">${p.sessionsHint}</p>
        ${this.confirming === 'revoke'
          ? html`<adm-confirm .message=${p.revokeQuestion(r.name)} .confirmLabel=${p.revoke} ?busy=${this.busy} @adm-confirm=${() => this.doRevoke()} @adm-cancel=${() => (this.confirming = null)}></adm-confirm>`
          : html`<div class="actions"><button type="button" class="revoke" ?disabled=${this.busy} @click=${() => (this.confirming = 'revoke')}>${p.revoke}</button></div>`}
      </section>
      <section aria-labelledby="devices-h">
        <h3 id="devices-h">${p.devices}</h3>
        ${r.devices.length === 0
          ? html`<p class="muted small">${p.noDevices}</p>`
          : html`<ul class="devices">
              ${r.devices.map((dev) => html`<li><code title=${dev.device_id}>${dev.device_id}</code><span class="seen">${formatAgo(dev.last_seen, this.now, lang)}</span></li>`)}
            </ul>`}
      </section>
      ${r.active
        ? html`<section aria-labelledby="deactivate-h">
            <h3 id="deactivate-h" class="visually-hidden">${p.deactivate}</h3>
            ${this.confirming === 'deactivate'
              ? html`<adm-confirm danger .message=${p.deactivateQuestion(r.name)} .confirmLabel=${p.deactivate} ?busy=${this.busy} @adm-confirm=${() => this.doDeactivate()} @adm-cancel=${() => (this.confirming = null)}></adm-confirm>`
              : html`<button type="button" class="danger deactivate" ?disabled=${this.busy} @click=${() => (this.confirming = 'deactivate')}>${p.deactivate}</button>`}
          </section>`
        : nothing}
    `;
  }
}

customElements.define('adm-person-form', AdmPersonForm);

declare global {
  interface HTMLElementTagNameMap {
    'adm-person-form': AdmPersonForm;
  }
}
