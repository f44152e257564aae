// Form fields with their label, hint and error, drawn in the form's own shadow root so that `for`,
// `aria-describedby` and `aria-invalid` connect the control with its words (they cannot cross a shadow
// boundary). A field's error is the one FieldErrors gives for its name (field-errors.ts).
import { html, css, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { adminTheme } from './theme.ts';

interface FieldBase {
  /** The payload's field name: the error of that name shows here. */
  id: string;
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
}

export interface TextFieldOptions extends FieldBase {
  value: string;
  type?: 'text' | 'email' | 'number' | 'search' | 'password' | 'date' | 'time';
  placeholder?: string;
  autocomplete?: string;
  readonly?: boolean;
  /** The id of a <datalist> of suggestions. */
  list?: string;
  inputmode?: 'numeric' | 'email' | 'text';
  onInput: (value: string) => void;
}

export interface SelectFieldOptions extends FieldBase {
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
}

export interface CheckFieldOptions extends FieldBase {
  checked: boolean;
  onChange: (checked: boolean) => void;
}

export interface TextAreaFieldOptions extends FieldBase {
  value: string;
  rows?: number;
  placeholder?: string;
  onInput: (value: string) => void;
}

function describedBy(o: FieldBase): string {
  return [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].filter(Boolean).join(' ');
}

function words(o: FieldBase): TemplateResult {
  return html`${o.hint ? html`<p id="${o.id}-hint" class="hint">${o.hint}</p>` : nothing}${o.error
    ? html`<p id="${o.id}-error" class="field-error"><span aria-hidden="true">⚠ </span>${o.error}</p>`
    : nothing}`;
}

function labelOf(o: FieldBase): TemplateResult {
  return html`<label for=${o.id}>${o.label}${o.required ? html`<span class="req" aria-hidden="true"> *</span>` : nothing}</label>`;
}

export function textField(o: TextFieldOptions): TemplateResult {
  return html`<div class="field" data-field=${o.id}>
    ${labelOf(o)}
    <input
      id=${o.id}
      name=${o.id}
      type=${o.type ?? 'text'}
      .value=${live(o.value)}
      placeholder=${o.placeholder ?? nothing}
      autocomplete=${o.autocomplete ?? 'off'}
      list=${o.list ?? nothing}
      inputmode=${o.inputmode ?? nothing}
      ?readonly=${o.readonly}
      ?disabled=${o.disabled}
      ?required=${o.required}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${describedBy(o) || nothing}
      @input=${(e: Event) => o.onInput((e.target as HTMLInputElement).value)}
    />
    ${words(o)}
  </div>`;
}

export function selectField(o: SelectFieldOptions): TemplateResult {
  return html`<div class="field" data-field=${o.id}>
    ${labelOf(o)}
    <select
      id=${o.id}
      name=${o.id}
      ?disabled=${o.disabled}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${describedBy(o) || nothing}
      @change=${(e: Event) => o.onChange((e.target as HTMLSelectElement).value)}
    >
      ${o.options.map((opt) => html`<option value=${opt.value} ?selected=${opt.value === o.value}>${opt.label}</option>`)}
    </select>
    ${words(o)}
  </div>`;
}

export function checkField(o: CheckFieldOptions): TemplateResult {
  return html`<div class="field check" data-field=${o.id}>
    <label>
      <input
        id=${o.id}
        name=${o.id}
        type="checkbox"
        .checked=${live(o.checked)}
        ?disabled=${o.disabled}
        aria-invalid=${o.error ? 'true' : 'false'}
        aria-describedby=${describedBy(o) || nothing}
        @change=${(e: Event) => o.onChange((e.target as HTMLInputElement).checked)}
      />${o.label}
    </label>
    ${words(o)}
  </div>`;
}

export function textAreaField(o: TextAreaFieldOptions): TemplateResult {
  return html`<div class="field" data-field=${o.id}>
    ${labelOf(o)}
    <textarea
      id=${o.id}
      name=${o.id}
      rows=${o.rows ?? 4}
      .value=${live(o.value)}
      placeholder=${o.placeholder ?? nothing}
      ?disabled=${o.disabled}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${describedBy(o) || nothing}
      spellcheck="false"
      @input=${(e: Event) => o.onInput((e.target as HTMLTextAreaElement).value)}
    ></textarea>
    ${words(o)}
  </div>`;
}

/** After a failed save: the first control marked invalid gets the focus, so the admin lands on it. */
export function focusFirstInvalid(root: ParentNode): void {
  root.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

/** The same, once the host has drawn the problems just set. */
export function focusFirstInvalidWhenDrawn(host: { readonly updateComplete: Promise<unknown>; readonly renderRoot: ParentNode }): void {
  void host.updateComplete.then(() => focusFirstInvalid(host.renderRoot));
}

export const fieldStyles = css`
  .field { margin: 0 0 0.6rem; }
  .field.check label { font-weight: 400; display: flex; align-items: center; }
  .hint { color: var(--wtt-muted); font-size: 12px; margin: 0.15rem 0 0; }
  .field-error { color: var(--wtt-danger); font-size: 12px; margin: 0.15rem 0 0; font-weight: 600; }
  .req { color: var(--wtt-danger); }
  .form-errors { color: var(--wtt-danger); margin: 0 0 0.5rem; }
  .form-errors li { list-style: none; }
  .actions { display: flex; gap: 0.4rem; flex-wrap: wrap; margin-top: 0.75rem; }
`;

/** A form element's: the console's theme and the fields', on a block of its own. */
export const formStyles = [adminTheme, fieldStyles, css`:host { display: block; }`];
