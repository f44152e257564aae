// <adm-rule-set-form>: one rule set's break rules, a small form per status (times a shift, minutes at most,
// grace, how far off the plan, gap between; blank is no limit), each with what it means in plain words as
// the admin types (common/rule-text.ts). Rules are added for a status and removed; the whole set is saved at
// once (rules.save), and a problem of one number (`rules[2].max_minutes`) is shown at that number. With no
// record it makes a new set, named here. Tells the screen `adm-saved` ({record}) after a save and
// `adm-changed` ({record}) to load the set as it is now after a conflict.
import { LitElement, html, css, nothing } from 'lit';
import type { RuleSetRecord } from '../../../../common/admin-api.ts';
import type { StatusKind } from '../../../../common/status.ts';
import { ruleText, type RuleTextStatus } from '../../../../common/rule-text.ts';
import { FormState, tell } from '../../controllers/form-state.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcWrite } from '../../controllers/rpc-state.ts';
import { getLang, t, type Lang } from '../../i18n/locale.ts';
import { formStyles, textField } from '../../components/fields.ts';
import { pathErrors } from '../../components/field-errors.ts';
import { statusLabel } from '../../components/status-label.ts';
import type { ConflictRow } from '../../components/conflict-notice.ts';
import '../../components/confirm-step.ts';
import { NUMBERS, badNumbers, emptyRule, ruleDraftOf, ruleOf, type NumberKey, type RuleDraft } from './rule-draft.ts';

export interface RuleStatus extends RuleTextStatus {
  code: string;
  kind: StatusKind;
}

interface Draft {
  name: string;
  rules: RuleDraft[];
}

function draftOf(r: RuleSetRecord | null): Draft {
  return { name: r?.rule_set ?? '', rules: (r?.rules ?? []).map(ruleDraftOf) };
}

/** The rule's sentence without its leading "Label: ", for a place that names the status already. */
function ruleWords(rule: ReturnType<typeof ruleOf>, status: RuleStatus | undefined, lang: Lang): string {
  const text = ruleText(rule, status, lang);
  const cut = text.indexOf(': ');
  return cut < 0 ? text : text.slice(cut + 2);
}

export class AdmRuleSetForm extends LitElement {
  static override properties = {
    record: { attribute: false },
    statuses: { attribute: false },
    adding: { state: true },
    confirming: { state: true },
  };

  static override styles = [
    formStyles,
    css`
      .used { color: var(--wtt-muted); font-size: 12px; margin: 0 0 0.5rem; overflow-wrap: anywhere; }
      ol.rules { margin: 0 0 0.5rem; }
      li.rule { border: 1px solid var(--wtt-line); border-radius: 6px; padding: 0.4rem 0.5rem 0.2rem; margin-bottom: 0.5rem; }
      li.rule.bad { border-color: var(--wtt-danger); }
      .rule-top { display: flex; align-items: baseline; gap: 0.4rem; margin-bottom: 0.3rem; }
      .rule-top h3 { margin: 0; flex: 1 1 auto; min-width: 0; overflow-wrap: anywhere; }
      .rule-top .code { color: var(--wtt-muted); font-size: 12px; font-weight: 400; }
      .rule-top button { flex: none; font-size: 12px; }
      .numbers { display: grid; grid-template-columns: 1fr 1fr; gap: 0 0.5rem; }
      .numbers .field { margin-bottom: 0.35rem; }
      .numbers label { font-size: 12px; }
      .numbers input { min-height: 28px; }
      .preview { background: var(--wtt-page); border-radius: 4px; padding: 0.25rem 0.4rem; margin: 0.1rem 0 0.3rem; font-size: 13px; }
      .note { color: var(--wtt-muted); font-size: 12px; margin: 0 0 0.35rem; }
      .add { margin: 0.25rem 0 0.5rem; }
      .add label { display: block; }
      .add-row { display: grid; grid-template-columns: 1fr auto; gap: 0.4rem; }
      .none { color: var(--wtt-muted); margin: 0.25rem 0 0.5rem; }
    `,
  ];

  declare record: RuleSetRecord | null;
  declare statuses: readonly RuleStatus[];
  /** The status chosen in "add a rule for". */
  declare adding: string;
  declare confirming: boolean;

  private readonly locale = new LocaleController(this);
  private readonly save = new RpcWrite(this, 'rules.save');
  /** Problems by path: `rule_set`, `rules[2].max_minutes`, `rules[0].status`. A new set under a name in use:
   *  a problem of the name, not a conflict. */
  private readonly form = new FormState<Draft, RuleSetRecord>(this, {
    draft: draftOf(null),
    editing: (current) => current.rule_set === this.record?.rule_set,
    problems: (error, lang) => pathErrors(error, lang),
  });

  constructor() {
    super();
    this.record = null;
    this.statuses = [];
    this.adding = '';
    this.confirming = false;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('record')) {
      this.form.reset(draftOf(this.record));
      this.confirming = false;
    }
    const free = this.freeStatuses();
    if (!free.some((s) => s.code === this.adding)) this.adding = free[0]?.code ?? '';
  }

  /** Whether the admin changed anything since the set was read (the screen asks before leaving it). */
  get dirty(): boolean {
    return JSON.stringify(this.form.draft) !== JSON.stringify(draftOf(this.record));
  }

  private statusOf(code: string): RuleStatus | undefined {
    return this.statuses.find((s) => s.code === code);
  }

  private freeStatuses(): RuleStatus[] {
    const taken = new Set(this.form.draft.rules.map((r) => r.status));
    return this.statuses.filter((s) => !taken.has(s.code));
  }

  private setRules(rules: RuleDraft[]): void {
    // Rows moved: the problems said by position no longer point at the right one.
    const f = this.form;
    f.draft = { ...f.draft, rules };
    f.errors = f.errors.rule_set ? { rule_set: f.errors.rule_set } : {};
  }

  private editNumber(i: number, key: NumberKey, value: string): void {
    const d = this.form.draft;
    this.form.change({ ...d, rules: d.rules.map((r, j) => (j === i ? { ...r, [key]: value } : r)) }, `rules[${i}].${key}`);
  }

  private addRule(): void {
    if (!this.adding) return;
    this.setRules([...this.form.draft.rules, emptyRule(this.adding)]);
    const i = this.form.draft.rules.length - 1;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`li.rule[data-index="${i}"] input`)?.focus());
  }

  private removeRule(i: number): void {
    this.setRules(this.form.draft.rules.filter((_, j) => j !== i));
  }

  private submit(e: Event): void {
    e.preventDefault();
    if (this.save.loading) return;
    const s = t().rules;
    const bad = badNumbers(this.form.draft.rules);
    if (bad.length > 0) {
      this.form.failure = null;
      this.form.invalid(Object.fromEntries(bad.map((path) => [path, s.wholeNumber])));
      return;
    }
    if (this.form.draft.rules.length === 0) {
      // A new set is made by its rules: saving none would write nothing at all.
      if (!this.record) {
        this.form.errors = { '': s.needOneRule };
        return;
      }
      if (!this.confirming) {
        this.confirming = true;
        return;
      }
    }
    void this.doSave();
  }

  private async doSave(): Promise<void> {
    this.confirming = false;
    const payload = {
      rule_set: this.record ? this.record.rule_set : this.form.draft.name.trim(),
      rules: this.form.draft.rules.map(ruleOf),
      ...(this.record ? { version: this.record.version } : {}),
    };
    const reply = await this.form.send(this.save, payload);
    if (reply) tell(this, 'adm-saved', reply);
  }

  private conflictRows(current: RuleSetRecord): ConflictRow[] {
    const lang = getLang();
    const mine = new Map(this.form.draft.rules.map((r) => [r.status, ruleOf(r)]));
    const now = new Map(current.rules.map((r) => [r.status, r]));
    const codes = [...new Set([...now.keys(), ...mine.keys()])];
    return codes.map((code) => {
      const status = this.statusOf(code);
      const a = now.get(code);
      const b = mine.get(code);
      return { label: status ? statusLabel(status, lang) : code, now: a ? ruleWords(a, status, lang) : '', yours: b ? ruleWords(b, status, lang) : '' };
    });
  }

  /** The paths a control shows the problem of; the others (a set-wide one, a rule's field with no control) go above the buttons. */
  private placed(): string[] {
    const shown = new Set<string>(['rule_set']);
    this.form.draft.rules.forEach((r, i) => {
      shown.add(`rules[${i}].status`);
      for (const key of this.numbersOf(r)) shown.add(`rules[${i}].${key}`);
    });
    return [...shown];
  }

  /** A status by its name; with its code too when another status has the same name. */
  private optionText(st: RuleStatus, lang: Lang): string {
    const label = statusLabel(st, lang);
    return this.statuses.some((o) => o.code !== st.code && statusLabel(o, lang) === label) ? `${label} (${st.code})` : label;
  }

  /** A work status's row carries only the shift's grace and tolerance (docs/rules.md); the rest is unused. */
  private numbersOf(r: RuleDraft): readonly NumberKey[] {
    return this.statusOf(r.status)?.kind === 'work' ? ['grace_minutes', 'window_tolerance_minutes'] : NUMBERS;
  }

  override render() {
    const s = t();
    const rs = s.rules;
    const r = this.record;
    const lang = this.locale.lang;
    const free = this.freeStatuses();
    const d = this.form.draft;
    return html`
      ${r
        ? html`<p class="used">${r.groups.length > 0 ? rs.usedBy(r.groups.join(', ')) : rs.unused}</p>`
        : html`<h2>${rs.newSetHeading}</h2>
            ${textField({ id: 'rule_set', label: rs.setName, value: d.name, required: true, hint: rs.setNameHint, error: this.form.errors.rule_set, onInput: (v) => this.form.edit('name', v, 'rule_set') })}`}
      ${this.form.renderConflict((current) => this.conflictRows(current))}
      <form novalidate @submit=${(e: Event) => this.submit(e)}>
        ${d.rules.length === 0
          ? html`<p class="none">${rs.noRules}</p>`
          : html`<ol class="rules">
              ${d.rules.map((rule, i) => this.renderRule(rule, i, lang))}
            </ol>`}
        ${free.length > 0
          ? html`<div class="add">
              <label for="add-status">${rs.addRuleFor}</label>
              <div class="add-row">
                <select id="add-status" @change=${(e: Event) => (this.adding = (e.target as HTMLSelectElement).value)}>
                  ${free.map((st) => html`<option value=${st.code} ?selected=${st.code === this.adding}>${this.optionText(st, lang)}</option>`)}
                </select>
                <button type="button" class="add-rule" @click=${() => this.addRule()}>+ ${s.add}</button>
              </div>
            </div>`
          : html`<p class="note">${rs.allHaveRules}</p>`}
        ${this.form.renderProblems(this.placed())}
        ${this.confirming && r
          ? html`<adm-confirm danger .message=${rs.emptyingQuestion(r.rule_set)} .confirmLabel=${rs.saveEmpty} ?busy=${this.save.loading} @adm-confirm=${() => this.doSave()} @adm-cancel=${() => (this.confirming = false)}></adm-confirm>`
          : html`<div class="actions">
              <button type="submit" class="primary save" ?disabled=${this.save.loading}>${this.save.loading ? s.saving : rs.saveSet}</button>
              ${r
                ? this.dirty
                  ? html`<button type="button" class="discard" @click=${() => (this.form.draft = draftOf(this.record))}>${rs.discard}</button>`
                  : nothing
                : html`<button type="button" class="cancel" @click=${() => tell(this, 'adm-close')}>${s.cancel}</button>`}
            </div>`}
      </form>
    `;
  }

  private renderRule(rule: RuleDraft, i: number, lang: Lang) {
    const rs = t().rules;
    const status = this.statusOf(rule.status);
    const label = status ? statusLabel(status, lang) : rs.notInStatuses(rule.status);
    const errors = this.form.errors;
    const statusError = errors[`rules[${i}].status`];
    const labels: Record<NumberKey, string> = {
      max_per_shift: rs.maxPerShift,
      max_minutes: rs.maxMinutes,
      grace_minutes: rs.grace,
      window_tolerance_minutes: rs.tolerance,
      min_gap_minutes: rs.minGap,
    };
    const bad = Object.keys(errors).some((p) => p.startsWith(`rules[${i}]`));
    return html`<li class="rule ${bad ? 'bad' : ''}" data-index=${i} data-status=${rule.status}>
      <div class="rule-top">
        <h3 id="rule-${i}-h">${label} ${status ? html`<span class="code">${rule.status}</span>` : nothing}</h3>
        <button type="button" class="link remove" aria-label=${rs.removeRule(label)} @click=${() => this.removeRule(i)}>${rs.remove}</button>
      </div>
      ${statusError ? html`<p class="field-error" data-field=${`rules[${i}].status`}><span aria-hidden="true">⚠ </span>${statusError}</p>` : nothing}
      ${status?.kind === 'work' ? html`<p class="note">${rs.workNote}</p>` : nothing}
      <div class="numbers" role="group" aria-labelledby="rule-${i}-h">
        ${this.numbersOf(rule).map((key) =>
          textField({
            id: `rules[${i}].${key}`,
            label: labels[key],
            value: rule[key],
            inputmode: 'numeric',
            placeholder: key === 'grace_minutes' || key === 'window_tolerance_minutes' ? '0' : rs.noLimit,
            error: errors[`rules[${i}].${key}`],
            onInput: (v) => this.editNumber(i, key, v),
          }),
        )}
      </div>
      <p class="preview" aria-live="polite">${ruleText(ruleOf(rule), status, lang)}</p>
    </li>`;
  }
}

customElements.define('adm-rule-set-form', AdmRuleSetForm);

declare global {
  interface HTMLElementTagNameMap {
    'adm-rule-set-form': AdmRuleSetForm;
  }
}
