// <adm-group-form>: adds a group or edits one: its leads' emails, the leads' Telegram chat, how many of it
// may be on break at once, and its rule set. A group's name is its key (Employees.group points at it), so it
// is typed once, when the group is added. Tells the screen `adm-saved` ({record, created}).
import { LitElement, html, nothing } from 'lit';
import type { GroupRecord } from '../../../../common/admin-api.ts';
import { FormState, tell } from '../../controllers/form-state.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcWrite } from '../../controllers/rpc-state.ts';
import { t } from '../../i18n/locale.ts';
import { formStyles, selectField, textAreaField, textField } from '../../components/fields.ts';
import { fieldErrors } from '../../components/field-errors.ts';
import type { ConflictRow } from '../../components/conflict-notice.ts';

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
  };

  static override styles = formStyles;

  declare record: GroupRecord | null;
  declare ruleSets: readonly string[];
  /** Shown to someone who may not change groups (a lead): the values, without Save. */
  declare readonly: boolean;

  private readonly locale = new LocaleController(this);
  private readonly save = new RpcWrite(this, 'groups.save');
  // Adding a name that is taken is a problem of the name, not a conflict.
  private readonly form = new FormState<Draft, GroupRecord>(this, { draft: draftOf(null), editing: (current) => current.name === this.record?.name });

  constructor() {
    super();
    this.record = null;
    this.ruleSets = [];
    this.readonly = false;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('record')) this.form.reset(draftOf(this.record));
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    if (this.save.loading || this.readonly) return;
    const d = this.form.draft;
    const max = d.max.trim();
    if (max !== '' && !/^\d+$/.test(max)) {
      this.form.invalid({ max_concurrent_breaks: t().groups.notWholeNumber });
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
    // `lead_emails[2]` is the third address: named by itself, since the admin may have typed them on one line.
    const reply = await this.form.send(this.save, payload, (error, lang) =>
      fieldErrors(error, lang, (field, tail, message) => {
        const i = /^\[(\d+)\]/.exec(tail);
        return field === 'lead_emails' && i ? t().groups.leadAddress(emails[Number(i[1])] ?? '', message) : message;
      }),
    );
    if (reply) tell(this, 'adm-saved', reply);
  }

  private conflictRows(current: GroupRecord): ConflictRow[] {
    const g = t().groups;
    const d = this.form.draft;
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
    const d = this.form.draft;
    const e = this.form.errors;
    const r = this.record;
    void this.locale;
    const ruleSets = [...new Set([...this.ruleSets, ...(d.rule_set ? [d.rule_set] : [])])];
    return html`
      <h2>${r ? r.name : g.newHeading}</h2>
      ${this.form.renderConflict((current) => this.conflictRows(current))}
      <form novalidate @submit=${(ev: Event) => this.submit(ev)}>
        ${r ? nothing : textField({ id: 'name', label: g.name, value: d.name, required: true, hint: g.nameHint, error: e.name, disabled: this.readonly, onInput: (v) => this.form.edit('name', v) })}
        ${textAreaField({ id: 'lead_emails', label: g.leads, value: d.leads, rows: 3, hint: g.leadsHint, error: e.lead_emails, disabled: this.readonly, onInput: (v) => this.form.edit('leads', v, 'lead_emails') })}
        ${textField({ id: 'telegram_chat_id', label: g.chat, value: d.telegram_chat_id, inputmode: 'numeric', hint: g.chatHint, error: e.telegram_chat_id, disabled: this.readonly, onInput: (v) => this.form.edit('telegram_chat_id', v) })}
        ${textField({ id: 'max_concurrent_breaks', label: g.maxBreaks, value: d.max, inputmode: 'numeric', hint: g.maxBreaksHint, error: e.max_concurrent_breaks, disabled: this.readonly, onInput: (v) => this.form.edit('max', v, 'max_concurrent_breaks') })}
        ${selectField({
          id: 'rule_set',
          label: g.ruleSet,
          value: d.rule_set,
          options: [{ value: '', label: g.noRuleSet }, ...ruleSets.map((x) => ({ value: x, label: x }))],
          error: e.rule_set,
          disabled: this.readonly,
          onChange: (v) => this.form.edit('rule_set', v),
        })}
        ${this.form.renderProblems(FIELDS)}
        ${this.readonly ? html`<p class="hint read-only">${g.readOnly}</p>` : nothing}
        <div class="actions">
          ${this.readonly ? nothing : html`<button type="submit" class="primary save" ?disabled=${this.save.loading}>${this.save.loading ? s.saving : s.save}</button>`}
          <button type="button" class="cancel" @click=${() => tell(this, 'adm-close')}>${s.cancel}</button>
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
