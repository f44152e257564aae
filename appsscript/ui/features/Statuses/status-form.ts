// <adm-status-form>: adds a status or edits one: its Russian and English names, kind, whether it counts as
// work, colour. A code is the status's key in Log and the archives, so it is typed once, when adding. A
// status is never removed: for an existing one the form offers to hide it from employees (or offer it
// again), a save of that one flag. Tells the screen `adm-saved` ({record, created}) after a save and
// `adm-changed` ({record, message}) after hiding or showing.
import { LitElement, html, css, nothing } from 'lit';
import type { StatusRecord } from '../../../../common/admin-api.ts';
import { STATUS_KINDS, type StatusKind } from '../../../../common/status.ts';
import { FormState, tell, type RecordChange } from '../../controllers/form-state.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcWrite } from '../../controllers/rpc-state.ts';
import { t } from '../../i18n/locale.ts';
import { checkField, formStyles, selectField, textField } from '../../components/fields.ts';
import { statusLabel } from '../../components/status-label.ts';
import type { ConflictRow } from '../../components/conflict-notice.ts';
import { isHexColour, swatch } from './swatch.ts';

const FIELDS = ['code', 'label_ru', 'label_en', 'kind', 'counts_as_work', 'color'] as const;

/** The fields as typed; `hidden` is saved on its own. */
type Draft = Pick<StatusRecord, (typeof FIELDS)[number]>;

function draftOf(r: StatusRecord | null): Draft {
  return r
    ? { code: r.code, label_ru: r.label_ru, label_en: r.label_en, kind: r.kind, counts_as_work: r.counts_as_work, color: r.color }
    : { code: '', label_ru: '', label_en: '', kind: 'break', counts_as_work: false, color: '' };
}

export class AdmStatusForm extends LitElement {
  static override properties = {
    record: { attribute: false },
  };

  static override styles = [
    formStyles,
    css`
      .top { display: flex; align-items: baseline; gap: 0.5rem; margin-bottom: 0.5rem; }
      .top h2 { flex: 1 1 auto; margin: 0; overflow-wrap: anywhere; display: flex; align-items: center; }
      .code { color: var(--wtt-muted); font-size: 12px; }
      .colour { display: grid; grid-template-columns: 1fr auto; gap: 0.4rem; align-items: start; }
      /* Level with the text box: below the field's label. */
      .colour input[type='color'] { width: 44px; padding: 2px; margin-top: calc(1.35em + 0.15rem); cursor: pointer; }
      section { border-top: 1px solid var(--wtt-line); margin-top: 0.9rem; padding-top: 0.5rem; }
      section h3 { margin-top: 0; }
      .note { color: var(--wtt-muted); font-size: 12px; margin-bottom: 0.4rem; }
    `,
  ];

  declare record: StatusRecord | null;

  private readonly locale = new LocaleController(this);
  private readonly save = new RpcWrite(this, 'statuses.save');
  private readonly toggle = new RpcWrite(this, 'statuses.save');
  // Adding a code that is taken is a problem of the code, not a conflict.
  private readonly form = new FormState<Draft, StatusRecord>(this, { draft: draftOf(null), editing: (current) => current.code === this.record?.code });
  /** Set while the record changes by hiding or showing it: the admin's unsaved edits of the rest stay. */
  private keepEdits = false;

  constructor() {
    super();
    this.record = null;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('record')) {
      this.form.reset(this.keepEdits ? this.form.draft : draftOf(this.record));
      this.keepEdits = false;
    }
  }

  private get busy(): boolean {
    return this.save.loading || this.toggle.loading;
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    if (this.busy) return;
    const d = this.form.draft;
    const r = this.record;
    const payload = {
      code: d.code.trim(),
      label_ru: d.label_ru,
      label_en: d.label_en,
      kind: d.kind,
      counts_as_work: d.counts_as_work,
      color: d.color.trim(),
      hidden: r?.hidden ?? false,
      ...(r ? { version: r.version } : {}),
    };
    const reply = await this.form.send(this.save, payload);
    if (reply) tell(this, 'adm-saved', reply);
  }

  /** Hides the status as it is stored (not the draft: hiding is not a save of the admin's other edits). */
  private async setHidden(hidden: boolean): Promise<void> {
    const r = this.record;
    if (!r || this.busy) return;
    const payload = { code: r.code, label_ru: r.label_ru, label_en: r.label_en, kind: r.kind, counts_as_work: r.counts_as_work, color: r.color, hidden, version: r.version };
    const reply = await this.form.send(this.toggle, payload);
    if (!reply) return;
    this.keepEdits = true;
    const st = t().statuses;
    const label = statusLabel(reply.record);
    tell(this, 'adm-changed', { record: reply.record, message: hidden ? st.hiddenDone(label) : st.shownDone(label) } satisfies RecordChange<StatusRecord>);
  }

  private conflictRows(current: StatusRecord): ConflictRow[] {
    const s = t();
    const st = s.statuses;
    const d = this.form.draft;
    const yesNo = (b: boolean) => (b ? s.yes : s.no);
    return [
      { label: st.labelRu, now: current.label_ru, yours: d.label_ru },
      { label: st.labelEn, now: current.label_en, yours: d.label_en },
      { label: st.kind, now: s.kinds[current.kind], yours: s.kinds[d.kind] },
      { label: st.countsAsWorkLabel, now: yesNo(current.counts_as_work), yours: yesNo(d.counts_as_work) },
      { label: st.colour, now: current.color, yours: d.color.trim() },
      { label: st.hiddenLabel, now: yesNo(current.hidden), yours: yesNo(this.record?.hidden ?? false) },
    ];
  }

  override render() {
    const s = t();
    const st = s.statuses;
    const r = this.record;
    const d = this.form.draft;
    const e = this.form.errors;
    const lang = this.locale.lang;
    return html`
      <div class="top">
        <h2>${r ? html`${swatch(r.color)}${statusLabel(r, lang)}` : st.newHeading}</h2>
        ${r ? html`<span class="code">${st.codeLine(r.code)}</span>` : nothing}
      </div>
      ${this.form.renderConflict((current) => this.conflictRows(current))}
      <form novalidate @submit=${(ev: Event) => this.submit(ev)}>
        ${r ? nothing : textField({ id: 'code', label: st.code, value: d.code, required: true, hint: st.codeHint, error: e.code, onInput: (v) => this.form.edit('code', v) })}
        ${textField({ id: 'label_ru', label: st.labelRu, value: d.label_ru, required: true, error: e.label_ru, onInput: (v) => this.form.edit('label_ru', v) })}
        ${textField({ id: 'label_en', label: st.labelEn, value: d.label_en, required: true, error: e.label_en, onInput: (v) => this.form.edit('label_en', v) })}
        ${selectField({
          id: 'kind',
          label: st.kind,
          value: d.kind,
          options: STATUS_KINDS.map((k) => ({ value: k, label: s.kinds[k] })),
          hint: st.kindHint,
          error: e.kind,
          onChange: (v) => this.form.edit('kind', v as StatusKind),
        })}
        ${checkField({ id: 'counts_as_work', label: st.countsAsWorkLabel, checked: d.counts_as_work, error: e.counts_as_work, onChange: (v) => this.form.edit('counts_as_work', v) })}
        <div class="colour">
          ${textField({ id: 'color', label: st.colour, value: d.color, placeholder: '#34a853', hint: st.colourHint, error: e.color, onInput: (v) => this.form.edit('color', v) })}
          <input
            type="color"
            class="picker"
            aria-label=${st.pickColour}
            title=${st.pickColour}
            .value=${isHexColour(d.color.trim()) ? d.color.trim().toLowerCase() : '#808080'}
            @input=${(e: Event) => this.form.edit('color', (e.target as HTMLInputElement).value)}
          />
        </div>
        ${this.form.renderProblems(FIELDS)}
        <div class="actions">
          <button type="submit" class="primary save" ?disabled=${this.busy}>${this.save.loading ? s.saving : s.save}</button>
          <button type="button" class="cancel" @click=${() => tell(this, 'adm-close')}>${s.cancel}</button>
        </div>
      </form>
      ${r ? this.renderOffering(r) : nothing}
    `;
  }

  private renderOffering(r: StatusRecord) {
    const st = t().statuses;
    return html`<section aria-labelledby="offering-h">
      <h3 id="offering-h">${st.offering}</h3>
      <p class="note">${r.hidden ? st.hiddenNote : st.offeredNote}</p>
      ${r.in_use ? html`<p class="note in-use">${st.inUseNote}</p>` : nothing}
      ${r.hidden
        ? html`<button type="button" class="unhide" ?disabled=${this.busy} @click=${() => this.setHidden(false)}>${this.toggle.loading ? t().saving : st.unhide}</button>`
        : html`<button type="button" class="hide" ?disabled=${this.busy} @click=${() => this.setHidden(true)}>${this.toggle.loading ? t().saving : st.hide}</button>`}
    </section>`;
  }
}

customElements.define('adm-status-form', AdmStatusForm);

declare global {
  interface HTMLElementTagNameMap {
    'adm-status-form': AdmStatusForm;
  }
}
