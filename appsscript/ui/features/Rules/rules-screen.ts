// <adm-rules>: the Break rules sidebar: pick a rule set (the groups using it are named), edit its rules, or
// make a new set. Leaving a set with unsaved changes asks first: a set is saved whole, and the changes
// would be lost without a word.
import { LitElement, html, css, nothing } from 'lit';
import type { AdminReply, RuleSetRecord } from '../../../../common/admin-api.ts';
import type { RecordChange } from '../../controllers/form-state.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RecordList } from '../../controllers/record-list.ts';
import { t } from '../../i18n/locale.ts';
import { fieldStyles } from '../../components/fields.ts';
import { emptyState } from '../../components/states.ts';
import { screenStyles } from '../../components/screen.ts';
import { showToast } from '../../components/toast.ts';
import '../../components/screen-header.ts';
import '../../components/confirm-step.ts';
import type { AdmRuleSetForm } from './rule-set-form.ts';
import './rule-set-form.ts';

/** A set by its name, or a new one. */
type Choice = { kind: 'set'; name: string } | { kind: 'new' };

export class AdmRules extends LitElement {
  static override properties = { choice: { state: true }, leaving: { state: true } };
  static override styles = [
    screenStyles,
    fieldStyles,
    css`
      .pick { display: grid; grid-template-columns: 1fr auto; gap: 0.4rem; align-items: end; margin-bottom: 0.4rem; }
      .pick .field { margin: 0; }
      .pick button { white-space: nowrap; }
      adm-confirm { margin-bottom: 0.5rem; }
    `,
  ];

  declare choice: Choice | null;
  /** Where the admin asked to go while the set open has unsaved changes. */
  declare leaving: Choice | null;

  private readonly locale = new LocaleController(this);
  private readonly list = new RecordList(this, 'rules.list', {
    key: (set) => set.rule_set,
    loaded: ({ rows }) => {
      if (this.choice === null && rows.length > 0) this.choice = { kind: 'set', name: rows[0].rule_set };
    },
  });

  constructor() {
    super();
    this.choice = null;
    this.leaving = null;
    this.addEventListener('adm-saved', (e) => this.saved((e as CustomEvent<AdminReply<'rules.save'>>).detail));
    this.addEventListener('adm-changed', (e) => this.list.upsert((e as CustomEvent<RecordChange<RuleSetRecord>>).detail.record));
    this.addEventListener('adm-close', () => this.go(this.sets[0] ? { kind: 'set', name: this.sets[0].rule_set } : null, true));
  }

  private get sets(): RuleSetRecord[] {
    return this.list.rows;
  }

  private get form(): AdmRuleSetForm | null {
    return this.renderRoot.querySelector('adm-rule-set-form');
  }

  /** Opens another set (or a new one); with unsaved changes, only once the admin said to drop them. */
  private go(choice: Choice | null, force = false): void {
    if (!force && this.form?.dirty) {
      this.leaving = choice;
      return;
    }
    this.leaving = null;
    this.choice = choice;
  }

  override updated(): void {
    // The select shows the set open: after a new set is saved, and while the admin is asked whether to
    // leave (it already shows what they picked). An option's `selected` no longer moves a select once the
    // admin has used it.
    const select = this.renderRoot.querySelector<HTMLSelectElement>('#rule-set-pick');
    if (select) select.value = this.choice?.kind === 'set' ? this.choice.name : '';
  }

  private saved(reply: AdminReply<'rules.save'>): void {
    this.list.upsert(reply.record);
    this.choice = { kind: 'set', name: reply.record.rule_set };
    showToast(this, t().rules.savedSet(reply.record.rule_set));
  }

  override render() {
    void this.locale;
    return html`
      <adm-screen-header page="Rules"></adm-screen-header>
      ${this.list.render((reply) => this.renderLoaded(reply.statuses))}
      <adm-toast></adm-toast>
    `;
  }

  private renderLoaded(statuses: AdminReply<'rules.list'>['statuses']) {
    const rs = t().rules;
    const choice = this.choice;
    const record = choice?.kind === 'set' ? (this.sets.find((s) => s.rule_set === choice.name) ?? null) : null;
    const newButton = html`<button type="button" class="new-set" @click=${() => this.go({ kind: 'new' })}>+ ${rs.newSet}</button>`;
    if (choice === null) return emptyState(rs.empty, newButton);
    return html`
      ${this.sets.length > 0
        ? html`<div class="pick">
            <div class="field">
              <label for="rule-set-pick">${rs.ruleSet}</label>
              <select id="rule-set-pick" @change=${(e: Event) => this.go({ kind: 'set', name: (e.target as HTMLSelectElement).value })}>
                ${choice.kind === 'new' ? html`<option value="" selected>${rs.newSetHeading}</option>` : nothing}
                ${this.sets.map((s) => html`<option value=${s.rule_set} ?selected=${choice.kind === 'set' && s.rule_set === choice.name}>${s.rule_set}</option>`)}
              </select>
            </div>
            ${choice.kind === 'new' ? nothing : newButton}
          </div>`
        : nothing}
      ${this.leaving
        ? html`<adm-confirm
            danger
            .message=${rs.discardQuestion(record ? record.rule_set : rs.newSetHeading)}
            .confirmLabel=${rs.discard}
            @adm-confirm=${() => this.go(this.leaving, true)}
            @adm-cancel=${() => (this.leaving = null)}
          ></adm-confirm>`
        : nothing}
      <adm-rule-set-form .record=${record} .statuses=${statuses}></adm-rule-set-form>
    `;
  }
}

customElements.define('adm-rules', AdmRules);

declare global {
  interface HTMLElementTagNameMap {
    'adm-rules': AdmRules;
  }
}
