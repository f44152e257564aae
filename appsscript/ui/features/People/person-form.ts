// <adm-person-form>: adds a person or edits one (name, email, group, role, time zone, active), and for an
// existing person deactivates them or ends their sessions, each after a confirm. Shows their devices and
// when they were last seen. A save that someone else's save overtook shows both versions (adm-conflict).
// Tells the screen `adm-saved` ({record, created}) after a save and `adm-changed` (record) after the others.
import { LitElement, html, css, nothing } from 'lit';
import type { PersonRecord, Viewer } from '../../../../common/admin-api.ts';
import { ROLES, type Role } from '../../../../common/status.ts';
import { FormState, tell, type RecordChange } from '../../controllers/form-state.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcWrite } from '../../controllers/rpc-state.ts';
import { t } from '../../i18n/locale.ts';
import { formatAgo } from '../../i18n/format.ts';
import { AdminError } from '../../rpc-error.ts';
import { checkField, formStyles, selectField, textField } from '../../components/fields.ts';
import { fieldErrors } from '../../components/field-errors.ts';
import { timeZones } from '../../components/time-zones.ts';
import type { ConflictRow } from '../../components/conflict-notice.ts';
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
    confirming: { state: true },
  };

  static override styles = [
    formStyles,
    css`
      .top { display: flex; align-items: baseline; gap: 0.5rem; margin-bottom: 0.5rem; }
      .top h2 { flex: 1 1 auto; margin: 0; overflow-wrap: anywhere; }
      .id { color: var(--wtt-muted); font-size: 12px; }
      section { border-top: 1px solid var(--wtt-line); margin-top: 0.9rem; padding-top: 0.5rem; }
      section h3 { margin-top: 0; }
      ul.devices li { display: flex; gap: 0.5rem; justify-content: space-between; padding: 0.15rem 0; border-bottom: 1px dotted var(--wtt-line); }
      ul.devices code { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; font-size: 12px; }
      .seen { white-space: nowrap; color: var(--wtt-muted); font-size: 12px; }
      .facts { color: var(--wtt-muted); font-size: 12px; margin-bottom: 0.4rem; }
    `,
  ];

  declare record: PersonRecord | null;
  declare groups: readonly string[];
  /** Who is looking: a lead is offered only the employee role (the server refuses the others). */
  declare viewer: Viewer | null;
  declare now: number;
  declare confirming: Confirming;

  private readonly locale = new LocaleController(this);
  private readonly save = new RpcWrite(this, 'people.save');
  private readonly deactivate = new RpcWrite(this, 'people.deactivate');
  private readonly revoke = new RpcWrite(this, 'people.revoke');
  private readonly form = new FormState<Draft, PersonRecord>(this, {
    draft: draftOf(null, []),
    editing: (current) => current.id === this.record?.id,
    // Another person holding the email: a problem of that field.
    problems: (error, lang, current) =>
      current && error instanceof AdminError && error.details.field === 'email' ? { email: t().alreadyUsedBy(`${current.name} (${current.id})`) } : fieldErrors(error, lang),
  });
  /** Set while the record changes by this form's own action (not a save): the admin's unsaved edits stay. */
  private keepEdits = false;

  constructor() {
    super();
    this.record = null;
    this.groups = [];
    this.viewer = null;
    this.now = Date.now();
    this.confirming = null;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('record')) {
      const before = changed.get('record') as PersonRecord | null | undefined;
      this.form.reset(this.keepEdits && before && this.record ? rebased(this.form.draft, before, this.record) : draftOf(this.record, this.groups));
      this.keepEdits = false;
      this.confirming = null;
    } else if (changed.has('groups') && !this.record && !this.form.draft.group) {
      this.form.draft = { ...this.form.draft, group: this.groups[0] ?? '' };
    }
  }

  private get busy(): boolean {
    return this.save.loading || this.deactivate.loading || this.revoke.loading;
  }

  private submit(e: Event): void {
    e.preventDefault();
    if (this.busy) return;
    // Turning someone off by the checkbox is the same step as the Deactivate button: asked first.
    if (this.record?.active && !this.form.draft.active && this.confirming !== 'save-inactive') {
      this.confirming = 'save-inactive';
      return;
    }
    void this.doSave();
  }

  private async doSave(): Promise<void> {
    this.confirming = null;
    const payload = { ...this.form.draft, ...(this.record ? { id: this.record.id, version: this.record.version } : {}) };
    const reply = await this.form.send(this.save, payload);
    if (reply) tell(this, 'adm-saved', reply);
  }

  private async doDeactivate(): Promise<void> {
    const record = this.record;
    if (!record) return;
    const reply = await this.form.send(this.deactivate, { id: record.id, version: record.version });
    this.confirming = null;
    if (reply) this.changed(reply.record, t().people.deactivated(reply.record.name));
  }

  private async doRevoke(): Promise<void> {
    const record = this.record;
    if (!record) return;
    const reply = await this.form.send(this.revoke, { id: record.id });
    this.confirming = null;
    if (reply) this.changed(reply.record, t().people.revoked(reply.record.name));
  }

  private changed(record: PersonRecord, message: string): void {
    this.keepEdits = true;
    tell(this, 'adm-changed', { record, message } satisfies RecordChange<PersonRecord>);
  }

  private conflictRows(current: PersonRecord): ConflictRow[] {
    const p = t().people;
    const yes = t().yes;
    const no = t().no;
    const d = this.form.draft;
    return [
      { label: p.name, now: current.name, yours: d.name },
      { label: p.email, now: current.email, yours: d.email },
      { label: p.group, now: current.group, yours: d.group },
      { label: p.role, now: p.roles[current.role], yours: p.roles[d.role] },
      { label: p.timezone, now: current.timezone, yours: d.timezone },
      { label: p.active, now: current.active ? yes : no, yours: d.active ? yes : no },
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
    const d = this.form.draft;
    const e = this.form.errors;
    void this.locale;
    const groupOptions = [...new Set([...this.groups, ...(d.group ? [d.group] : [])])].map((g) => ({ value: g, label: g }));
    return html`
      <div class="top">
        <h2>${r ? r.name : p.newHeading}</h2>
        ${r ? html`<span class="id">${p.idLine(r.id)}</span>` : nothing}
      </div>
      ${this.form.renderConflict((current) => this.conflictRows(current))}
      <form novalidate @submit=${(ev: Event) => this.submit(ev)}>
        ${textField({ id: 'name', label: p.name, value: d.name, required: true, autocomplete: 'off', error: e.name, onInput: (v) => this.form.edit('name', v) })}
        ${textField({ id: 'email', label: p.email, type: 'email', value: d.email, required: true, error: e.email, onInput: (v) => this.form.edit('email', v) })}
        ${selectField({ id: 'group', label: p.group, value: d.group, options: groupOptions, required: true, error: e.group, onChange: (v) => this.form.edit('group', v) })}
        ${selectField({
          id: 'role',
          label: p.role,
          value: d.role,
          options: this.roleChoices(d.role).map((role) => ({ value: role, label: p.roles[role] })),
          error: e.role,
          onChange: (v) => this.form.edit('role', v as Role),
        })}
        ${textField({ id: 'timezone', label: p.timezone, value: d.timezone, list: 'zones', placeholder: 'Europe/Moscow', hint: p.timezoneHint, error: e.timezone, onInput: (v) => this.form.edit('timezone', v) })}
        <datalist id="zones">${timeZones().map((z) => html`<option value=${z}></option>`)}</datalist>
        ${checkField({ id: 'active', label: p.activeLabel, checked: d.active, error: e.active, onChange: (v) => this.form.edit('active', v) })}
        ${this.form.renderProblems(FIELDS)}
        ${Object.keys(e).length > 0 ? html`<p class="form-errors visually-hidden" role="alert">${s.errCheckFields}</p>` : nothing}
        ${this.confirming === 'save-inactive' && r
          ? html`<adm-confirm danger .message=${p.deactivateOnSave(r.name)} .confirmLabel=${s.save} ?busy=${this.busy} @adm-confirm=${() => this.doSave()} @adm-cancel=${() => (this.confirming = null)}></adm-confirm>`
          : html`<div class="actions">
              <button type="submit" class="primary save" ?disabled=${this.busy}>${this.save.loading ? s.saving : s.save}</button>
              <button type="button" class="cancel" @click=${() => tell(this, 'adm-close')}>${s.cancel}</button>
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
