// <adm-status-form>: adds a status or edits one: its Russian and English names, kind, whether it counts as
// work, colour. A code is the status's key in Log and the archives, so it is typed once, when adding. A
// status is never removed: for an existing one the form offers to hide it from employees (or offer it
// again), a save of that one flag. Tells the screen `adm-saved` ({record, created}) after a save and
// `adm-changed` ({record, message}) after hiding or showing.
import { LitElement, html, css, nothing } from 'lit';
import type { AdminReply, StatusRecord } from '../../../../common/admin-api.ts';
import { STATUS_KINDS, type StatusKind } from '../../../../common/status.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcState } from '../../controllers/rpc-state.ts';
import { getLang, t } from '../../i18n/locale.ts';
import { errorText } from '../../i18n/error-text.ts';
import { AdminError } from '../../rpc-error.ts';
import { SaveRequest } from '../../request-id.ts';
import { adminTheme } from '../../components/theme.ts';
import { checkField, fieldStyles, focusFirstInvalid, selectField, textField } from '../../components/fields.ts';
import { fieldErrors, unplacedErrors, type FieldErrors } from '../../components/field-errors.ts';
import { statusLabel } from '../../components/status-label.ts';
import type { ConflictRow } from '../../components/conflict-notice.ts';
import '../../components/conflict-notice.ts';
import { isHexColour, swatch } from './swatch.ts';

interface Draft {
  code: string;
  label_ru: string;
  label_en: string;
  kind: StatusKind;
  counts_as_work: boolean;
  color: string;
}

const FIELDS = ['code', 'label_ru', 'label_en', 'kind', 'counts_as_work', 'color'] as const;

function draftOf(r: StatusRecord | null): Draft {
  return r
    ? { code: r.code, label_ru: r.label_ru, label_en: r.label_en, kind: r.kind, counts_as_work: r.counts_as_work, color: r.color }
    : { code: '', label_ru: '', label_en: '', kind: 'break', counts_as_work: false, color: '' };
}

export class AdmStatusForm extends LitElement {
  static override properties = {
    record: { attribute: false },
    draft: { state: true },
    errors: { state: true },
    conflict: { state: true },
    failure: { state: true },
  };

  static override styles = [
    adminTheme,
    fieldStyles,
    css`
      :host { display: block; }
      .top { display: flex; align-items: baseline; gap: 0.5rem; margin-bottom: 0.5rem; }
      .top h2 { flex: 1 1 auto; margin: 0; overflow-wrap: anywhere; display: flex; align-items: center; }
      .code { color: var(--wtt-muted); font-size: 12px; }
      .colour { display: grid; grid-template-columns: 1fr auto; gap: 0.4rem; align-items: start; }
      /* Level with the text box: below the field's label. */
      .colour input[type='color'] { width: 44px; padding: 2px; margin-top: calc(1.35em + 0.15rem); cursor: pointer; }
      section { border-top: 1px solid var(--wtt-line); margin-top: 0.9rem; padding-top: 0.5rem; }
      section h3 { margin-top: 0; }
      .note { color: var(--wtt-muted); font-size: 12px; margin-bottom: 0.4rem; }
      .form-errors li { list-style: none; }
    `,
  ];

  declare record: StatusRecord | null;
  declare draft: Draft;
  declare errors: FieldErrors;
  /** The status as it is now, when someone else's save came first. */
  declare conflict: StatusRecord | null;
  /** The last failure that is not a field's (shown above the buttons). */
  declare failure: unknown;

  private readonly locale = new LocaleController(this);
  private readonly save = new RpcState(this, 'statuses.save');
  private readonly toggle = new RpcState(this, 'statuses.save');
  private readonly saveRequest = new SaveRequest();
  private readonly toggleRequest = new SaveRequest();
  /** Set while the record changes by hiding or showing it: the admin's unsaved edits of the rest stay. */
  private keepEdits = false;

  constructor() {
    super();
    this.record = null;
    this.draft = draftOf(null);
    this.errors = {};
    this.conflict = null;
    this.failure = null;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('record')) {
      if (!this.keepEdits) this.draft = draftOf(this.record);
      this.keepEdits = false;
      this.errors = {};
      this.conflict = null;
      this.failure = null;
    }
  }

  private get busy(): boolean {
    return this.save.loading || this.toggle.loading;
  }

  private edit<K extends keyof Draft>(key: K, value: Draft[K]): void {
    this.draft = { ...this.draft, [key]: value };
    if (this.errors[key]) {
      const { [key]: _gone, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    if (this.busy) return;
    const d = this.draft;
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
    const reply = await this.save.run({ ...payload, request_id: this.saveRequest.idFor(payload) });
    if (reply) {
      this.saveRequest.done();
      this.dispatchEvent(new CustomEvent<AdminReply<'statuses.save'>>('adm-saved', { detail: reply, bubbles: true, composed: true }));
      return;
    }
    this.failed(this.save.error);
  }

  /** Hides the status as it is stored (not the draft: hiding is not a save of the admin's other edits). */
  private async setHidden(hidden: boolean): Promise<void> {
    const r = this.record;
    if (!r || this.busy) return;
    const payload = { code: r.code, label_ru: r.label_ru, label_en: r.label_en, kind: r.kind, counts_as_work: r.counts_as_work, color: r.color, hidden, version: r.version };
    const reply = await this.toggle.run({ ...payload, request_id: this.toggleRequest.idFor(payload) });
    if (!reply) {
      this.failed(this.toggle.error);
      return;
    }
    this.toggleRequest.done();
    this.keepEdits = true;
    const st = t().statuses;
    const label = statusLabel(reply.record);
    this.dispatchEvent(new CustomEvent('adm-changed', { detail: { record: reply.record, message: hidden ? st.hiddenDone(label) : st.shownDone(label) }, bubbles: true, composed: true }));
  }

  private failed(error: unknown): void {
    const current = error instanceof AdminError && error.code === 'conflict' ? (error.current as StatusRecord | undefined) : undefined;
    // The same status changed meanwhile: show both. Adding a code that is taken: a problem of the code.
    if (current && this.record && current.code === this.record.code) {
      this.conflict = current;
      this.errors = {};
      this.failure = null;
      return;
    }
    this.errors = fieldErrors(error, getLang());
    this.failure = Object.keys(this.errors).length > 0 ? null : error;
    void this.updateComplete.then(() => focusFirstInvalid(this.renderRoot));
  }

  private reloadCurrent(): void {
    const current = this.conflict;
    if (!current) return;
    // The screen swaps the record; willUpdate then starts the draft from the current values.
    this.dispatchEvent(new CustomEvent('adm-changed', { detail: { record: current, message: '' }, bubbles: true, composed: true }));
  }

  private conflictRows(current: StatusRecord): ConflictRow[] {
    const s = t();
    const st = s.statuses;
    const d = this.draft;
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
    const d = this.draft;
    const lang = this.locale.lang;
    const extra = unplacedErrors(this.errors, FIELDS);
    return html`
      <div class="top">
        <h2>${r ? html`${swatch(r.color)}${statusLabel(r, lang)}` : st.newHeading}</h2>
        ${r ? html`<span class="code">${st.codeLine(r.code)}</span>` : nothing}
      </div>
      ${this.conflict ? html`<adm-conflict .rows=${this.conflictRows(this.conflict)} @adm-reload=${() => this.reloadCurrent()}></adm-conflict>` : nothing}
      <form novalidate @submit=${(e: Event) => this.submit(e)}>
        ${r ? nothing : textField({ id: 'code', label: st.code, value: d.code, required: true, hint: st.codeHint, error: this.errors.code, onInput: (v) => this.edit('code', v) })}
        ${textField({ id: 'label_ru', label: st.labelRu, value: d.label_ru, required: true, error: this.errors.label_ru, onInput: (v) => this.edit('label_ru', v) })}
        ${textField({ id: 'label_en', label: st.labelEn, value: d.label_en, required: true, error: this.errors.label_en, onInput: (v) => this.edit('label_en', v) })}
        ${selectField({
          id: 'kind',
          label: st.kind,
          value: d.kind,
          options: STATUS_KINDS.map((k) => ({ value: k, label: s.kinds[k] })),
          hint: st.kindHint,
          error: this.errors.kind,
          onChange: (v) => this.edit('kind', v as StatusKind),
        })}
        ${checkField({ id: 'counts_as_work', label: st.countsAsWorkLabel, checked: d.counts_as_work, error: this.errors.counts_as_work, onChange: (v) => this.edit('counts_as_work', v) })}
        <div class="colour">
          ${textField({ id: 'color', label: st.colour, value: d.color, placeholder: '#34a853', hint: st.colourHint, error: this.errors.color, onInput: (v) => this.edit('color', v) })}
          <input
            type="color"
            class="picker"
            aria-label=${st.pickColour}
            title=${st.pickColour}
            .value=${isHexColour(d.color.trim()) ? d.color.trim().toLowerCase() : '#808080'}
            @input=${(e: Event) => this.edit('color', (e.target as HTMLInputElement).value)}
          />
        </div>
        ${extra.length > 0 ? html`<ul class="form-errors" role="alert">${extra.map((m) => html`<li>${m}</li>`)}</ul>` : nothing}
        ${this.failure ? html`<p class="form-errors" role="alert">${errorText(this.failure, lang)}</p>` : nothing}
        <div class="actions">
          <button type="submit" class="primary save" ?disabled=${this.busy}>${this.save.loading ? s.saving : s.save}</button>
          <button type="button" class="cancel" @click=${() => this.dispatchEvent(new CustomEvent('adm-close', { bubbles: true, composed: true }))}>${s.cancel}</button>
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
