// <adm-group-form>: adds a group or edits one: its leads' emails, the leads' Telegram chat, how many of it
// may be on break at once, and its rule set. A group's name is its key (Employees.group points at it), so it
// is typed once, when the group is added. Tells the screen `adm-saved` ({record, created}).
import { LitElement, html, css, nothing } from 'lit';
import type { AdminReply, GroupRecord } from '../../../../common/admin-api.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcState } from '../../controllers/rpc-state.ts';
import { getLang, t } from '../../i18n/locale.ts';
import { errorText } from '../../i18n/error-text.ts';
import { AdminError } from '../../rpc-error.ts';
import { SaveRequest } from '../../request-id.ts';
import { adminTheme } from '../../components/theme.ts';
import { fieldStyles, focusFirstInvalid, selectField, textAreaField, textField } from '../../components/fields.ts';
import { fieldErrors, unplacedErrors, type FieldErrors } from '../../components/field-errors.ts';
import type { ConflictRow } from '../../components/conflict-notice.ts';
import '../../components/conflict-notice.ts';

interface Draft {
  name: string;
  /** As typed: one address a line, or separated by commas. */
  leads: string;
  telegram_chat_id: string;
  /** As typed; empty is "no limit". */
  max: string;
  rule_set: string;
}

const FIELDS = ['name', 'lead_emails', 'telegram_chat_id', 'max_concurrent_breaks', 'rule_set'] as const;

function draftOf(g: GroupRecord | null): Draft {
  return g
    ? { name: g.name, leads: g.lead_emails.join('\n'), telegram_chat_id: g.telegram_chat_id, max: g.max_concurrent_breaks === null ? '' : String(g.max_concurrent_breaks), rule_set: g.rule_set }
    : { name: '', leads: '', telegram_chat_id: '', max: '', rule_set: '' };
}

export function leadEmailsOf(text: string): string[] {
  return text.split(/[\s,;]+/).map((e) => e.trim()).filter((e) => e !== '');
}

export class AdmGroupForm extends LitElement {
  static override properties = {
    record: { attribute: false },
    ruleSets: { attribute: false },
    readonly: { type: Boolean, reflect: true },
    draft: { state: true },
    errors: { state: true },
    conflict: { state: true },
    failure: { state: true },
  };

  static override styles = [adminTheme, fieldStyles, css`:host { display: block; } .form-errors li { list-style: none; }`];

  declare record: GroupRecord | null;
  declare ruleSets: readonly string[];
  /** Shown to someone who may not change groups (a lead): the values, without Save. */
  declare readonly: boolean;
  declare draft: Draft;
  declare errors: FieldErrors;
  declare conflict: GroupRecord | null;
  declare failure: unknown;

  private readonly locale = new LocaleController(this);
  private readonly save = new RpcState(this, 'groups.save');
  private readonly saveRequest = new SaveRequest();

  constructor() {
    super();
    this.record = null;
    this.ruleSets = [];
    this.readonly = false;
    this.draft = draftOf(null);
    this.errors = {};
    this.conflict = null;
    this.failure = null;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('record')) {
      this.draft = draftOf(this.record);
      this.errors = {};
      this.conflict = null;
      this.failure = null;
    }
  }

  private edit<K extends keyof Draft>(key: K, value: Draft[K], field: string = key): void {
    this.draft = { ...this.draft, [key]: value };
    if (this.errors[field]) {
      const { [field]: _gone, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    if (this.save.loading || this.readonly) return;
    const d = this.draft;
    const max = d.max.trim();
    if (max !== '' && !/^\d+$/.test(max)) {
      this.errors = { max_concurrent_breaks: t().groups.notWholeNumber };
      void this.updateComplete.then(() => focusFirstInvalid(this.renderRoot));
      return;
    }
    const emails = leadEmailsOf(d.leads);
    const payload = {
      name: d.name.trim(),
      lead_emails: emails,
      telegram_chat_id: d.telegram_chat_id.trim(),
      max_concurrent_breaks: max === '' ? null : Number(max),
      rule_set: d.rule_set,
      ...(this.record ? { version: this.record.version } : {}),
    };
    const reply = await this.save.run({ ...payload, request_id: this.saveRequest.idFor(payload) });
    if (reply) {
      this.saveRequest.done();
      this.dispatchEvent(new CustomEvent<AdminReply<'groups.save'>>('adm-saved', { detail: reply, bubbles: true, composed: true }));
      return;
    }
    this.failed(this.save.error, emails);
  }

  private failed(error: unknown, emails: string[]): void {
    const lang = getLang();
    const current = error instanceof AdminError && error.code === 'conflict' ? (error.current as GroupRecord | undefined) : undefined;
    // Editing and someone saved first: show both. Adding a name that is taken: a problem of the name.
    if (current && this.record && current.name === this.record.name) {
      this.conflict = current;
      this.errors = {};
      this.failure = null;
      return;
    }
    // `lead_emails[2]` is the third address: named by itself, since the admin may have typed them on one line.
    this.errors = fieldErrors(error, lang, (field, tail, message) => {
      const i = /^\[(\d+)\]/.exec(tail);
      return field === 'lead_emails' && i ? t().groups.leadAddress(emails[Number(i[1])] ?? '', message) : message;
    });
    this.failure = Object.keys(this.errors).length > 0 ? null : error;
    void this.updateComplete.then(() => focusFirstInvalid(this.renderRoot));
  }

  private reloadCurrent(): void {
    if (!this.conflict) return;
    this.dispatchEvent(new CustomEvent('adm-reload-record', { detail: this.conflict, bubbles: true, composed: true }));
  }

  private conflictRows(current: GroupRecord): ConflictRow[] {
    const g = t().groups;
    const d = this.draft;
    return [
      { label: g.leads, now: current.lead_emails.join(', '), yours: leadEmailsOf(d.leads).join(', ') },
      { label: g.chat, now: current.telegram_chat_id, yours: d.telegram_chat_id.trim() },
      { label: g.maxBreaks, now: current.max_concurrent_breaks === null ? '' : String(current.max_concurrent_breaks), yours: d.max.trim() },
      { label: g.ruleSet, now: current.rule_set, yours: d.rule_set },
    ];
  }

  override render() {
    const s = t();
    const g = s.groups;
    const d = this.draft;
    const r = this.record;
    const lang = this.locale.lang;
    const ruleSets = [...new Set([...this.ruleSets, ...(d.rule_set ? [d.rule_set] : [])])];
    const extra = unplacedErrors(this.errors, FIELDS);
    return html`
      <h2>${r ? r.name : g.newHeading}</h2>
      ${this.conflict ? html`<adm-conflict .rows=${this.conflictRows(this.conflict)} @adm-reload=${() => this.reloadCurrent()}></adm-conflict>` : nothing}
      <form novalidate @submit=${(e: Event) => this.submit(e)}>
        ${r ? nothing : textField({ id: 'name', label: g.name, value: d.name, required: true, hint: g.nameHint, error: this.errors.name, disabled: this.readonly, onInput: (v) => this.edit('name', v) })}
        ${textAreaField({ id: 'lead_emails', label: g.leads, value: d.leads, rows: 3, hint: g.leadsHint, error: this.errors.lead_emails, disabled: this.readonly, onInput: (v) => this.edit('leads', v, 'lead_emails') })}
        ${textField({ id: 'telegram_chat_id', label: g.chat, value: d.telegram_chat_id, inputmode: 'numeric', hint: g.chatHint, error: this.errors.telegram_chat_id, disabled: this.readonly, onInput: (v) => this.edit('telegram_chat_id', v) })}
        ${textField({ id: 'max_concurrent_breaks', label: g.maxBreaks, value: d.max, inputmode: 'numeric', hint: g.maxBreaksHint, error: this.errors.max_concurrent_breaks, disabled: this.readonly, onInput: (v) => this.edit('max', v, 'max_concurrent_breaks') })}
        ${selectField({
          id: 'rule_set',
          label: g.ruleSet,
          value: d.rule_set,
          options: [{ value: '', label: g.noRuleSet }, ...ruleSets.map((x) => ({ value: x, label: x }))],
          error: this.errors.rule_set,
          disabled: this.readonly,
          onChange: (v) => this.edit('rule_set', v),
        })}
        ${extra.length > 0 ? html`<ul class="form-errors" role="alert">${extra.map((m) => html`<li>${m}</li>`)}</ul>` : nothing}
        ${this.failure ? html`<p class="form-errors" role="alert">${errorText(this.failure, lang)}</p>` : nothing}
        ${this.readonly ? html`<p class="hint read-only">${g.readOnly}</p>` : nothing}
        <div class="actions">
          ${this.readonly ? nothing : html`<button type="submit" class="primary save" ?disabled=${this.save.loading}>${this.save.loading ? s.saving : s.save}</button>`}
          <button type="button" class="cancel" @click=${() => this.dispatchEvent(new CustomEvent('adm-close', { bubbles: true, composed: true }))}>${s.cancel}</button>
        </div>
      </form>
    `;
  }
}

customElements.define('adm-group-form', AdmGroupForm);

declare global {
  interface HTMLElementTagNameMap {
    'adm-group-form': AdmGroupForm;
  }
}
