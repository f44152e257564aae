// A form's values and what became of its last save, one controller for every form of the console: the
// draft the admin types into; the problems at its fields (found here before any call, or by the server:
// the first one gets the focus); a conflict, someone else's save of the same record first, shown beside the
// admin's values with "Load the current values"; and a failure that is no field's, above the buttons.
// `send` makes a write (RpcWrite) and sorts its failure into these. The host re-renders on every change.
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { AdminOp, AdminReply } from '../../../common/admin-api.ts';
import { getLang, type Lang } from '../i18n/locale.ts';
import { errorText } from '../i18n/error-text.ts';
import { AdminError } from '../rpc-error.ts';
import type { CallPayload } from '../rpc.ts';
import { focusFirstInvalidWhenDrawn } from '../components/fields.ts';
import { fieldErrors, unplacedErrors, type FieldErrors } from '../components/field-errors.ts';
import type { ConflictRow } from '../components/conflict-notice.ts';
import '../components/conflict-notice.ts';
import type { RpcWrite } from './rpc-state.ts';

/**
 * What a form tells its screen (`adm-saved`, `adm-changed`, `adm-close`: controllers/record-list.ts): an
 * event that leaves the form's shadow root.
 */
export function tell(form: EventTarget, name: string, detail?: unknown): void {
  form.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

/** `adm-changed`: the record changed without closing its form; `message` is the toast's (none when empty). */
export interface RecordChange<R> {
  record: R;
  message: string;
}

/** A failed save's problems by field; `current` is a conflict's record when it is not the one edited. */
export type Problems<R> = (error: unknown, lang: Lang, current: R | undefined) => FieldErrors;

export interface FormOptions<D, R> {
  draft: D;
  /**
   * Whether a conflict's record is the one being edited: then it is shown beside the form. Otherwise (a new
   * record under a key that is taken) the conflict is a problem of a field. Always, by default.
   */
  editing?: (current: R) => boolean;
  /** Where the server's problems are shown: at the field each path starts with, by default (fieldErrors). */
  problems?: Problems<R>;
  /** "Load the current values": by default the screen is told (`adm-changed`) and opens the record again. */
  reload?: (current: R) => void;
}

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: ParentNode };

const atFields: Problems<unknown> = (error, lang) => fieldErrors(error, lang);

export class FormState<D, R = unknown> implements ReactiveController {
  private values: D;
  private problems: FieldErrors = {};
  private current: R | null = null;
  private unplacedFailure: unknown = null;

  constructor(
    private readonly host: Host,
    private readonly options: FormOptions<D, R>,
  ) {
    this.values = options.draft;
    host.addController(this);
  }

  hostConnected(): void {}

  get draft(): D {
    return this.values;
  }

  set draft(draft: D) {
    this.values = draft;
    this.host.requestUpdate();
  }

  /** Problems by field (or path): the field's name, or '' for one of the whole form. */
  get errors(): FieldErrors {
    return this.problems;
  }

  set errors(errors: FieldErrors) {
    this.problems = errors;
    this.host.requestUpdate();
  }

  /** The record as it is now, when someone else's save came first. */
  get conflict(): R | null {
    return this.current;
  }

  /** The last failure that is not a field's. */
  get failure(): unknown {
    return this.unplacedFailure;
  }

  set failure(error: unknown) {
    this.unplacedFailure = error;
    this.host.requestUpdate();
  }

  /** Starts from these values (a record opened, or loaded again): no problems, no conflict. */
  reset(draft: D): void {
    this.values = draft;
    this.problems = {};
    this.current = null;
    this.unplacedFailure = null;
    this.host.requestUpdate();
  }

  /** The admin changed the values: the problem of the field changed goes. */
  change(draft: D, field?: string): void {
    this.draft = draft;
    if (field !== undefined && this.problems[field]) {
      const { [field]: _gone, ...rest } = this.problems;
      this.errors = rest;
    }
  }

  edit<K extends keyof D>(key: K, value: D[K], field: string = String(key)): void {
    this.change({ ...this.draft, [key]: value }, field);
  }

  /** Problems found before any call, shown at their fields. */
  invalid(errors: FieldErrors): void {
    this.errors = errors;
    focusFirstInvalidWhenDrawn(this.host);
  }

  /** Makes the write; when it fails, shows why (`problems`: this write's own way of placing them). */
  async send<K extends AdminOp>(write: RpcWrite<K>, payload: Omit<CallPayload<K>, 'request_id'>, problems?: Problems<R>): Promise<AdminReply<K> | undefined> {
    const reply = await write.send(payload);
    if (!reply) this.failed(write.error, problems);
    return reply;
  }

  failed(error: unknown, problems: Problems<R> = this.options.problems ?? atFields): void {
    const current = error instanceof AdminError && error.code === 'conflict' ? (error.current as R | undefined) : undefined;
    if (current && (this.options.editing?.(current) ?? true)) {
      this.current = current;
      this.problems = {};
      this.unplacedFailure = null;
      this.host.requestUpdate();
      return;
    }
    this.problems = problems(error, getLang(), current);
    this.unplacedFailure = Object.keys(this.problems).length > 0 ? null : error;
    this.host.requestUpdate();
    focusFirstInvalidWhenDrawn(this.host);
  }

  /** The conflict, if any: the record now beside the admin's values (`rows`), and the way to load it. */
  renderConflict(rows: (current: R) => ConflictRow[]): TemplateResult | typeof nothing {
    const current = this.current;
    if (current === null) return nothing;
    const reload = this.options.reload ?? ((record: R) => tell(this.host, 'adm-changed', { record, message: '' } satisfies RecordChange<R>));
    return html`<adm-conflict .rows=${rows(current)} @adm-reload=${() => reload(current)}></adm-conflict>`;
  }

  /** Above the buttons: the problems no field of `fields` shows, and a failure that is no field's. */
  renderProblems(fields: readonly string[]): TemplateResult {
    const extra = unplacedErrors(this.problems, fields);
    return html`${extra.length > 0 ? html`<ul class="form-errors" role="alert">${extra.map((m) => html`<li>${m}</li>`)}</ul>` : nothing}${this.unplacedFailure
      ? html`<p class="form-errors" role="alert">${errorText(this.unplacedFailure, getLang())}</p>`
      : nothing}`;
  }
}
