// <adm-resolve-form>: excuses or confirms one violation or many with one reason, after a confirm step that
// names what will change. One is sent as `id`, a selection as `ids` (one call, one Audit row each). Tells
// the screen `adm-resolved` (the rows as the server now has them) or `adm-close`.
import { LitElement, html, css } from 'lit';
import type { ViolationRecord } from '../../../../common/admin-api.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcWrite } from '../../controllers/rpc-state.ts';
import { FormState, tell } from '../../controllers/form-state.ts';
import { t } from '../../i18n/locale.ts';
import { adminTheme } from '../../components/theme.ts';
import { fieldStyles, textAreaField } from '../../components/fields.ts';
import '../../components/confirm-step.ts';

export type Resolution = 'excused' | 'confirmed';

export class AdmResolveForm extends LitElement {
  static override properties = {
    targets: { attribute: false },
    resolution: { type: String, reflect: true },
    bulk: { type: Boolean },
    confirming: { state: true },
  };

  static override styles = [
    adminTheme,
    fieldStyles,
    css`
      :host { display: block; border: 1px solid var(--wtt-line); border-left: 4px solid var(--wtt-accent); border-radius: 6px; padding: 0.5rem 0.6rem; background: var(--wtt-bg); }
      :host([resolution='confirmed']) { border-left-color: var(--wtt-danger); }
      h3 { margin-top: 0; }
      textarea { font-family: inherit; font-size: 14px; min-height: 3.5rem; }
      .form-errors li { list-style: none; }
      .actions { margin-top: 0.4rem; }
    `,
  ];

  /** The violations to resolve. */
  declare targets: readonly ViolationRecord[];
  declare resolution: Resolution;
  /** Sent as `ids` even for one (the bulk action), else as `id`. */
  declare bulk: boolean;
  declare confirming: boolean;

  private readonly locale = new LocaleController(this);
  private readonly resolve = new RpcWrite(this, 'violations.resolve');
  private readonly form = new FormState<{ note: string }>(this, { draft: { note: '' } });

  constructor() {
    super();
    this.targets = [];
    this.resolution = 'excused';
    this.bulk = false;
    this.confirming = false;
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLTextAreaElement>('#note')?.focus();
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('targets') || changed.has('resolution')) this.confirming = false;
  }

  private payload() {
    const ids = this.targets.map((v) => v.id);
    return { ...(this.bulk ? { ids } : { id: ids[0] }), resolution: this.resolution, note: this.form.draft.note.trim() };
  }

  private submit(e: Event): void {
    e.preventDefault();
    if (this.resolve.loading) return;
    this.form.failure = null;
    if (!this.form.draft.note.trim()) {
      this.form.invalid({ note: t().violations.reasonRequired });
      return;
    }
    this.form.errors = {};
    this.confirming = true;
  }

  private async apply(): Promise<void> {
    const reply = await this.form.send(this.resolve, this.payload());
    this.confirming = false;
    if (reply) tell(this, 'adm-resolved', reply.rows);
  }

  /** "the violation of Anna Ivanova", "3 violations (Anna Ivanova, James Carter)". */
  private what(): string {
    const names = [...new Set(this.targets.map((v) => v.name))];
    const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')}, …` : names.join(', ');
    return t().violations.what(this.targets.length, shown);
  }

  override render() {
    const s = t();
    const v = s.violations;
    const n = this.targets.length;
    const excuse = this.resolution === 'excused';
    const people = new Set(this.targets.map((x) => x.employee_id)).size;
    return html`<form novalidate @submit=${(e: Event) => this.submit(e)} aria-labelledby="rh">
      <h3 id="rh">${excuse ? v.excuseHeading(n) : v.confirmHeading(n)}</h3>
      ${textAreaField({
        id: 'note',
        label: v.reason,
        value: this.form.draft.note,
        rows: 2,
        required: true,
        hint: v.reasonHint,
        error: this.form.errors.note,
        onInput: (value) => {
          this.form.edit('note', value);
          this.confirming = false;
        },
      })}
      ${this.form.renderProblems(['note'])}
      ${this.confirming
        ? html`<adm-confirm
            .message=${excuse ? v.excuseQuestion(this.what(), n, people) : v.confirmQuestion(this.what(), n, people)}
            .confirmLabel=${excuse ? v.doExcuse : v.doConfirm}
            ?danger=${!excuse}
            .busy=${this.resolve.loading}
            @adm-confirm=${() => void this.apply()}
            @adm-cancel=${() => (this.confirming = false)}
          ></adm-confirm>`
        : html`<div class="actions">
            <button type="submit" class="primary apply ${excuse ? '' : 'danger'}" ?disabled=${this.resolve.loading}>${excuse ? v.doExcuse : v.doConfirm}</button>
            <button type="button" class="cancel" @click=${() => tell(this, 'adm-close')}>${s.cancel}</button>
          </div>`}
    </form>`;
  }
}

customElements.define('adm-resolve-form', AdmResolveForm);

declare global {
  interface HTMLElementTagNameMap {
    'adm-resolve-form': AdmResolveForm;
  }
}
