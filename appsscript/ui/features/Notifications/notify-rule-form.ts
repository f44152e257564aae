// <adm-notify-rule-form>: adds a notification rule or edits one: on or off, when (an event, and its N where it
// has one), to whom, how, quiet hours, at most once per X, a note; the rule in plain words as the admin
// types. A rule's id is its key, typed once when it is added. Tells the screen `adm-saved` ({record, created}).
import { LitElement, html, nothing } from 'lit';
import type { NotifyRuleView } from '../../../../common/admin-api.ts';
import {
  EVENTS_WITH_MINUTES,
  NOTIFY_HOW,
  NOTIFY_WHO,
  NOTIFY_EVENTS,
  SYSTEM_EVENTS,
  eventOf,
  notifyRuleText,
  whenText,
  type NotifyHow,
  type NotifyRuleRecord,
  type NotifyWhen,
  type NotifyWho,
} from '../../../../common/notify-rules.ts';
import { FormState, tell } from '../../controllers/form-state.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcWrite } from '../../controllers/rpc-state.ts';
import { t } from '../../i18n/locale.ts';
import { getLang } from '../../../../ui-shared/lang.ts';
import { VIOLATION_TYPES } from '../../../../common/violations.ts';
import { checkField, formStyles, selectField, textAreaField, textField } from '../../components/fields.ts';
import { pathErrors } from '../../components/field-errors.ts';
import type { ConflictRow } from '../../components/conflict-notice.ts';
import { css } from 'lit';

interface Draft {
  id: string;
  enabled: boolean;
  when: NotifyWhen;
  /** As typed; empty is none. */
  minutes: string;
  who: NotifyWho;
  how: NotifyHow;
  quiet_from: string;
  quiet_to: string;
  once_per: string;
  note: string;
}

const FIELDS = ['rule.id', 'rule.enabled', 'rule.when', 'rule.minutes', 'rule.who', 'rule.how', 'rule.quiet_from', 'rule.quiet_to', 'rule.once_per_minutes', 'rule.note'] as const;

function draftOf(r: NotifyRuleRecord | null): Draft {
  if (!r) return { id: '', enabled: true, when: 'violation', minutes: '', who: 'lead_chat', how: 'telegram', quiet_from: '', quiet_to: '', once_per: '', note: '' };
  return {
    id: r.id,
    enabled: r.enabled,
    when: r.when,
    minutes: r.minutes === null ? '' : String(r.minutes),
    who: r.who,
    how: r.how,
    quiet_from: r.quiet_from,
    quiet_to: r.quiet_to,
    once_per: r.once_per_minutes === null ? '' : String(r.once_per_minutes),
    note: r.note,
  };
}

const wholeOrNull = (s: string): number | null => (s.trim() === '' ? null : Number(s.trim()));

function ruleOf(d: Draft): NotifyRuleRecord {
  const needsN = EVENTS_WITH_MINUTES.includes(eventOf(d.when));
  return {
    id: d.id.trim(),
    enabled: d.enabled,
    when: d.when,
    minutes: needsN ? wholeOrNull(d.minutes) : null,
    who: d.who,
    how: d.how,
    quiet_from: d.quiet_from,
    quiet_to: d.quiet_to,
    once_per_minutes: wholeOrNull(d.once_per),
    note: d.note.trim(),
  };
}

export class AdmNotifyRuleForm extends LitElement {
  static override properties = { record: { attribute: false } };

  // The theme's textarea is monospace for pasted rows; a note is prose, and two lines of it need no 6rem.
  static override styles = [
    formStyles,
    css`
      .preview { margin: 0 0 0.75rem; padding: 0.5rem 0.6rem; border-radius: 6px; background: var(--surface-2, #f3f4f6); font-size: 0.9rem; }
      .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 0.5rem; }
      .pair .field { min-width: 0; }
      textarea { font: inherit; min-height: 3.5rem; }
    `,
  ];

  declare record: NotifyRuleView | null;

  private readonly locale = new LocaleController(this);
  private readonly save = new RpcWrite(this, 'notify.rules.save');
  private readonly form = new FormState<Draft, NotifyRuleView>(this, { draft: draftOf(null), editing: (current) => current.id === this.record?.id });

  constructor() {
    super();
    this.record = null;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('record')) this.form.reset(draftOf(this.record));
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    if (this.save.loading) return;
    const d = this.form.draft;
    const n = t().notifications;
    const bad: Record<string, string> = {};
    for (const [field, value] of [['rule.minutes', d.minutes], ['rule.once_per_minutes', d.once_per]] as const) {
      if (value.trim() !== '' && !/^\d+$/.test(value.trim())) bad[field] = n.notWholeNumber;
    }
    if (Object.keys(bad).length > 0) return void this.form.invalid(bad);
    const payload = { rule: ruleOf(d), ...(this.record ? { version: this.record.version } : {}) };
    const reply = await this.form.send(this.save, payload, (error, lang) => atRuleFields(pathErrors(error, lang)));
    if (reply) tell(this, 'adm-saved', reply);
  }

  private conflictRows(current: NotifyRuleView): ConflictRow[] {
    const lang = getLang();
    return [{ label: t().notifications.colRule, now: notifyRuleText(current, lang), yours: notifyRuleText(ruleOf(this.form.draft), lang) }];
  }

  override render() {
    void this.locale;
    const s = t();
    const n = s.notifications;
    const lang = getLang();
    const d = this.form.draft;
    const e = this.form.errors;
    const r = this.record;
    const kind = eventOf(d.when);
    const needsN = EVENTS_WITH_MINUTES.includes(kind);
    const system = SYSTEM_EVENTS.includes(kind);
    return html`
      <h2>${r ? r.id : n.newHeading}</h2>
      ${this.form.renderConflict((current) => this.conflictRows(current))}
      <p class="preview" aria-live="polite">${notifyRuleText(ruleOf(d), lang)}</p>
      <form novalidate @submit=${(ev: Event) => this.submit(ev)}>
        ${r ? nothing : textField({ id: 'rule.id', label: n.id, value: d.id, required: true, hint: n.idHint, error: e['rule.id'], onInput: (v) => this.form.edit('id', v, 'rule.id') })}
        ${checkField({ id: 'rule.enabled', label: n.enabled, checked: d.enabled, error: e['rule.enabled'], onChange: (v) => this.form.edit('enabled', v, 'rule.enabled') })}
        ${this.whenField(d.when, e['rule.when'])}
        ${needsN
          ? textField({ id: 'rule.minutes', label: n.minutes, value: d.minutes, inputmode: 'numeric', required: true, error: e['rule.minutes'], onInput: (v) => this.form.edit('minutes', v, 'rule.minutes') })
          : nothing}
        ${selectField({
          id: 'rule.who',
          label: n.who,
          value: d.who,
          options: NOTIFY_WHO.filter((w) => !system || w === 'admins').map((w) => ({ value: w, label: n.whoLabel[w] })),
          hint: d.who === 'lead_chat' ? n.leadChatHint : undefined,
          error: e['rule.who'],
          onChange: (v) => this.form.edit('who', v as NotifyWho, 'rule.who'),
        })}
        ${selectField({ id: 'rule.how', label: n.how, value: d.how, options: NOTIFY_HOW.map((h) => ({ value: h, label: n.howLabel[h] })), error: e['rule.how'], onChange: (v) => this.form.edit('how', v as NotifyHow, 'rule.how') })}
        <div class="pair">
          ${textField({ id: 'rule.quiet_from', label: n.quietFrom, value: d.quiet_from, placeholder: n.quietPlaceholder, error: e['rule.quiet_from'], onInput: (v) => this.form.edit('quiet_from', v.trim(), 'rule.quiet_from') })}
          ${textField({ id: 'rule.quiet_to', label: n.quietTo, value: d.quiet_to, placeholder: n.quietPlaceholder, error: e['rule.quiet_to'], onInput: (v) => this.form.edit('quiet_to', v.trim(), 'rule.quiet_to') })}
        </div>
        <p class="hint">${n.quietHint}</p>
        ${textField({ id: 'rule.once_per_minutes', label: n.oncePer, value: d.once_per, inputmode: 'numeric', hint: n.oncePerHint, error: e['rule.once_per_minutes'], onInput: (v) => this.form.edit('once_per', v, 'rule.once_per_minutes') })}
        ${textAreaField({ id: 'rule.note', label: n.note, value: d.note, rows: 2, error: e['rule.note'], onInput: (v) => this.form.edit('note', v, 'rule.note') })}
        ${this.form.renderProblems(FIELDS)}
        <div class="actions">
          <button type="submit" class="primary save" ?disabled=${this.save.loading}>${this.save.loading ? s.saving : s.save}</button>
          <button type="button" class="cancel" @click=${() => tell(this, 'adm-close')}>${s.cancel}</button>
        </div>
      </form>
    `;
  }

  /**
   * "When" as a select of its own: the events, then the violation types in a group, each named short; as
   * whole sentences ("нарушение: превышение перерыва") they were cut off in the 300 px sidebar.
   */
  private whenField(value: NotifyWhen, error: string | undefined) {
    const n = t().notifications;
    const option = (w: NotifyWhen, label: string) => html`<option value=${w} ?selected=${w === value}>${label}</option>`;
    return html`<div class="field" data-field="rule.when">
      <label for="rule.when">${n.when}</label>
      <select
        id="rule.when"
        name="rule.when"
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? 'rule.when-error' : nothing}
        @change=${(ev: Event) => this.pickWhen((ev.target as HTMLSelectElement).value as NotifyWhen)}
      >
        ${NOTIFY_EVENTS.map((w) => option(w, n.whenLabel[w] ?? eventName(w)))}
        <optgroup label=${n.oneViolation}>${VIOLATION_TYPES.map((type) => option(`violation:${type}`, n.violationLabel[type] ?? type))}</optgroup>
      </select>
      ${error ? html`<p id="rule.when-error" class="field-error"><span aria-hidden="true">⚠ </span>${error}</p>` : nothing}
    </div>`;
  }

  /** A system event can only be told to admins: the choice follows the event. */
  private pickWhen(when: NotifyWhen): void {
    this.form.edit('when', when, 'rule.when');
    if (SYSTEM_EVENTS.includes(eventOf(when)) && this.form.draft.who !== 'admins') this.form.edit('who', 'admins', 'rule.who');
  }
}

/** An event the catalog has no short name for, by its sentence with N for its number. */
function eventName(when: NotifyWhen): string {
  const text = whenText({ when, minutes: 0 }, getLang()).replace(/\b0\b/, 'N');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/**
 * The server names a taken key `id`, as every keyed save does (details.field), while this form's fields are
 * the payload's paths (`rule.id`): without this the problem would be listed above the buttons, not at the id.
 */
function atRuleFields(errors: Record<string, string>): Record<string, string> {
  const { id, ...rest } = errors;
  return id === undefined || rest['rule.id'] !== undefined ? errors : { ...rest, 'rule.id': id };
}

customElements.define('adm-notify-rule-form', AdmNotifyRuleForm);

declare global {
  interface HTMLElementTagNameMap {
    'adm-notify-rule-form': AdmNotifyRuleForm;
  }
}
