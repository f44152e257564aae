// <adm-floor-status-form>: a lead's correction of someone on the floor: a new status with a reason (a break
// someone forgot to end, a session left open overnight: "End the session" picks the offline status), from
// now or from an earlier time today. It asks before it writes: the change goes into the person's Log with
// the lead's name. Tells the screen `adm-saved` ({name, label}) once the server took it, `adm-close` to go back.
import { LitElement, html, css, nothing } from 'lit';
import type { FloorRow } from '../../../../common/admin-api.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcWrite } from '../../controllers/rpc-state.ts';
import { FormState, tell } from '../../controllers/form-state.ts';
import { t } from '../../i18n/locale.ts';
import { adminTheme } from '../../components/theme.ts';
import { fieldStyles, selectField, textAreaField, textField } from '../../components/fields.ts';
import type { FieldErrors } from '../../components/field-errors.ts';
import type { FloorStatus } from '../../components/floor-live.ts';
import { chipLabel, statusChip } from '../../components/status-chip.ts';
import { clockText, dateIn, epochAt, timeIn } from '../../components/zoned-time.ts';
import '../../components/confirm-step.ts';

interface Draft {
  status: string;
  at: string;
  note: string;
}

const FIELDS = ['status', 'at', 'note'] as const;
const HHMM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

export interface StatusSet {
  name: string;
  label: string;
}

export class AdmFloorStatusForm extends LitElement {
  static override properties = {
    row: { attribute: false },
    statuses: { attribute: false },
    zone: { type: String },
    clock: { attribute: false },
    confirming: { state: true },
  };

  static override styles = [
    adminTheme,
    fieldStyles,
    css`
      :host { display: block; }
      h2 { overflow-wrap: anywhere; }
      .now { color: var(--wtt-muted); font-size: 12px; margin: 0 0 0.6rem; display: flex; flex-wrap: wrap; gap: 0.3rem; align-items: center; }
      .end { margin: -0.2rem 0 0.6rem; }
      .end button { width: 100%; }
      .end .hint { margin-top: 0.15rem; }
      .form-errors li { list-style: none; }
      adm-confirm { margin-top: 0.75rem; }
      /* A sentence, not pasted rows: the theme's monospace is for those. */
      textarea { font-family: inherit; font-size: 14px; min-height: 4.5rem; }
    `,
  ];

  declare row: FloorRow;
  declare statuses: readonly FloorStatus[];
  /** The spreadsheet's zone: an earlier time is typed on its clock. */
  declare zone: string;
  /** The server's clock now (the floor counts it on from its last reply). */
  declare clock: () => number;
  declare confirming: boolean;

  private readonly locale = new LocaleController(this);
  private readonly set = new RpcWrite(this, 'status.set');
  private readonly form = new FormState<Draft>(this, { draft: { status: '', at: '', note: '' } });

  constructor() {
    super();
    this.statuses = [];
    this.zone = 'UTC';
    this.clock = () => Date.now();
    this.confirming = false;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('row') || (changed.has('statuses') && !this.form.draft.status)) {
      // The usual correction is back to work (a break someone forgot to end).
      const work = this.statuses.find((s) => s.kind === 'work' && s.code !== this.row?.status) ?? this.statuses.find((s) => s.code !== this.row?.status);
      this.form.reset({ status: work?.code ?? '', at: '', note: '' });
      this.confirming = false;
    }
  }

  private get offline(): FloorStatus | undefined {
    return this.statuses.find((s) => s.kind === 'offline');
  }

  private edit<K extends keyof Draft>(key: K, value: Draft[K]): void {
    this.form.edit(key, value);
    // What was asked is no longer what would be sent.
    this.confirming = false;
  }

  private endSession(): void {
    const offline = this.offline;
    if (!offline) return;
    this.edit('status', offline.code);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLTextAreaElement>('#note')?.focus());
  }

  /** The typed time as epoch ms today on the spreadsheet's clock; undefined for "now"; an error's text. */
  private atValue(): number | undefined | { error: string } {
    const typed = this.form.draft.at.trim();
    if (!typed) return undefined;
    const f = t().floor;
    const m = HHMM.exec(typed);
    if (!m) return { error: f.badTime };
    const now = this.clock();
    const at = epochAt(dateIn(now, this.zone), `${m[1].padStart(2, '0')}:${m[2]}`, this.zone);
    return at > now ? { error: f.futureTime } : at;
  }

  private payload() {
    const at = this.atValue();
    const d = this.form.draft;
    return {
      employee_id: this.row.employee_id,
      status: d.status,
      note: d.note.trim(),
      ...(typeof at === 'number' ? { at } : {}),
    };
  }

  /** Checks what can be checked here, then asks. */
  private submit(e: Event): void {
    e.preventDefault();
    if (this.set.loading) return;
    const f = t().floor;
    const d = this.form.draft;
    const errors: Record<string, string> = {};
    if (!d.status) errors.status = t().fieldRequired;
    const at = this.atValue();
    if (typeof at === 'object') errors.at = at.error;
    if (!d.note.trim()) errors.note = f.reasonRequired;
    this.form.failure = null;
    if (Object.keys(errors).length > 0) {
      this.form.invalid(errors as FieldErrors);
      return;
    }
    this.form.errors = {};
    this.confirming = true;
  }

  private async apply(): Promise<void> {
    const payload = this.payload();
    const reply = await this.form.send(this.set, payload);
    this.confirming = false;
    if (!reply) return;
    const label = chipLabel(this.statuses.find((s) => s.code === payload.status), payload.status, this.locale.lang);
    tell(this, 'adm-saved', { name: this.row.name, label } satisfies StatusSet);
  }

  override render() {
    const s = t();
    const f = s.floor;
    const lang = this.locale.lang;
    const r = this.row;
    const d = this.form.draft;
    const e = this.form.errors;
    const now = this.clock();
    const current = this.statuses.find((st) => st.code === r.status);
    const at = this.atValue();
    const from = typeof at === 'number' ? timeIn(at, lang, this.zone) : f.nowWord;
    return html`
      <h2>${f.setStatusFor(r.name)}</h2>
      <p class="now">
        ${r.status
          ? html`${statusChip(current, r.status, lang)}
              <span>${r.since !== null ? `${f.since(timeIn(r.since, lang, this.zone))} · ${clockText(now - r.since)}` : ''}</span>`
          : f.nowNone}
      </p>
      <form novalidate @submit=${(e: Event) => this.submit(e)}>
        ${selectField({
          id: 'status',
          label: f.newStatus,
          value: d.status,
          required: true,
          options: this.statuses.map((st) => ({ value: st.code, label: chipLabel(st, st.code, lang) })),
          error: e.status,
          onChange: (v) => this.edit('status', v),
        })}
        ${this.offline && d.status !== this.offline.code && r.status !== this.offline.code
          ? html`<div class="end">
              <button type="button" class="end-session" @click=${() => this.endSession()}>${f.endSession}</button>
              <p class="hint">${f.endSessionHint}</p>
            </div>`
          : nothing}
        ${textField({ id: 'at', label: f.at, value: d.at, placeholder: '11:00', hint: f.atHint, error: e.at, onInput: (v) => this.edit('at', v) })}
        ${textAreaField({ id: 'note', label: f.reason, value: d.note, rows: 3, required: true, hint: f.reasonHint, error: e.note, onInput: (v) => this.edit('note', v) })}
        ${this.form.renderProblems(FIELDS)}
        ${this.confirming
          ? html`<adm-confirm
              .message=${f.confirmSet(r.name, chipLabel(this.statuses.find((st) => st.code === d.status), d.status, lang), from)}
              .confirmLabel=${f.apply}
              .busy=${this.set.loading}
              @adm-confirm=${() => void this.apply()}
              @adm-cancel=${() => (this.confirming = false)}
            ></adm-confirm>`
          : html`<div class="actions">
              <button type="submit" class="primary apply" ?disabled=${this.set.loading}>${this.set.loading ? s.saving : f.apply}</button>
              <button type="button" class="cancel" @click=${() => tell(this, 'adm-close')}>${s.cancel}</button>
            </div>`}
      </form>
    `;
  }
}

customElements.define('adm-floor-status-form', AdmFloorStatusForm);

declare global {
  interface HTMLElementTagNameMap {
    'adm-floor-status-form': AdmFloorStatusForm;
  }
}
