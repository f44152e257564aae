// <adm-rules>: the Break rules sidebar: pick a rule set (the groups using it are named), edit its rules, or
// make a new set. Leaving a set with unsaved changes asks first: a set is saved whole, and the changes
// would be lost without a word.
import { LitElement, html, css, nothing } from 'lit';
import type { AdminReply, RuleSetRecord } from '../../../../common/admin-api.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcState } from '../../controllers/rpc-state.ts';
import { t } from '../../i18n/locale.ts';
import { adminTheme } from '../../components/theme.ts';
import { fieldStyles } from '../../components/fields.ts';
import { emptyState, errorState, loadingState, stateStyles } from '../../components/states.ts';
import type { AdmToast } from '../../components/toast.ts';
import '../../components/screen-header.ts';
import '../../components/confirm-step.ts';
import '../../components/toast.ts';
import type { AdmRuleSetForm } from './rule-set-form.ts';
import './rule-set-form.ts';

/** A set by its name, or a new one. */
type Choice = { kind: 'set'; name: string } | { kind: 'new' };

export class AdmRules extends LitElement {
  static override properties = { sets: { state: true }, choice: { state: true }, leaving: { state: true } };
  static override styles = [
    adminTheme,
    fieldStyles,
    stateStyles,
    css`
      :host { display: block; padding: 0.6rem 0.6rem 3.5rem; }
      .pick { display: grid; grid-template-columns: 1fr auto; gap: 0.4rem; align-items: end; margin-bottom: 0.4rem; }
      .pick .field { margin: 0; }
      .pick button { white-space: nowrap; }
      adm-confirm { margin-bottom: 0.5rem; }
    `,
  ];

  declare sets: RuleSetRecord[];
  declare choice: Choice | null;
  /** Where the admin asked to go while the set open has unsaved changes. */
  declare leaving: Choice | null;

  private readonly locale = new LocaleController(this);
  private readonly list = new RpcState(this, 'rules.list');

  constructor() {
    super();
    this.sets = [];
    this.choice = null;
    this.leaving = null;
    this.addEventListener('adm-saved', (e) => this.saved((e as CustomEvent<AdminReply<'rules.save'>>).detail));
    this.addEventListener('adm-reload-record', (e) => this.replace((e as CustomEvent<RuleSetRecord>).detail));
    this.addEventListener('adm-close', () => this.go(this.sets[0] ? { kind: 'set', name: this.sets[0].rule_set } : null, true));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    const reply = await this.list.run({});
    if (!reply) return;
    this.sets = reply.rows;
    if (this.choice === null && this.sets.length > 0) this.choice = { kind: 'set', name: this.sets[0].rule_set };
  }

  private get toast(): AdmToast | null {
    return this.renderRoot.querySelector('adm-toast');
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

  private replace(record: RuleSetRecord): void {
    const i = this.sets.findIndex((s) => s.rule_set === record.rule_set);
    this.sets = i < 0 ? [...this.sets, record] : this.sets.map((s, j) => (j === i ? record : s));
  }

  private saved(reply: AdminReply<'rules.save'>): void {
    this.replace(reply.record);
    this.choice = { kind: 'set', name: reply.record.rule_set };
    this.toast?.show(t().rules.savedSet(reply.record.rule_set));
  }

  override render() {
    void this.locale;
    const reply = this.list.value;
    return html`
      <adm-screen-header page="Rules"></adm-screen-header>
      ${this.list.status === 'error' ? errorState(this.list.error, () => void this.load()) : nothing}
      ${reply === undefined ? (this.list.status === 'error' ? nothing : loadingState()) : this.renderLoaded(reply.statuses)}
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
