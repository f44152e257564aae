// <adm-people-import>: "add many". The admin pastes rows (name, email, group), the server checks them
// (`people.import` with commit:false) and answers per row what is wrong; then the rows that are right are
// added in one commit. Changing the text drops the preview: what is added is always what was checked.
// Tells the screen `adm-imported` ({added, invalid}) after a commit.
import { LitElement, html, css, nothing } from 'lit';
import type { AdminReply, ImportRow } from '../../../../common/admin-api.ts';
import { tell } from '../../controllers/form-state.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcState, RpcWrite } from '../../controllers/rpc-state.ts';
import { getLang, t } from '../../i18n/locale.ts';
import { errorText } from '../../i18n/error-text.ts';
import { fieldMessage } from '../../i18n/server-text.ts';
import { AdminError } from '../../rpc-error.ts';
import { adminTheme } from '../../components/theme.ts';
import { fieldStyles, textAreaField } from '../../components/fields.ts';
import { parsePastedRows } from './paste-rows.ts';

/** common/admin-api.ts allows 1000 rows a call. */
const MAX_ROWS = 1000;

export class AdmPeopleImport extends LitElement {
  static override properties = {
    text: { state: true },
    preview: { state: true },
    problem: { state: true },
  };

  static override styles = [
    adminTheme,
    fieldStyles,
    css`
      :host { display: block; }
      textarea { white-space: pre; overflow-wrap: normal; overflow-x: auto; }
      .summary { font-weight: 600; margin: 0.5rem 0 0.25rem; }
      ol.preview { margin: 0.25rem 0; max-height: 50vh; overflow: auto; border: 1px solid var(--wtt-line); border-radius: 6px; }
      ol.preview li { padding: 0.25rem 0.4rem; border-bottom: 1px solid var(--wtt-line); }
      ol.preview li:last-child { border-bottom: none; }
      ol.preview li.bad { background: #fdf0ef; }
      .line { display: flex; gap: 0.35rem; align-items: baseline; }
      .n { color: var(--wtt-muted); font-size: 12px; min-width: 1.8rem; }
      .mark { font-weight: 700; }
      .good .mark { color: var(--wtt-ok-text); }
      .bad .mark { color: var(--wtt-danger); }
      .cells { overflow-wrap: anywhere; min-width: 0; }
      .cells .sub { color: var(--wtt-muted); font-size: 12px; }
      ul.errs { margin: 0.1rem 0 0 2.15rem; color: var(--wtt-danger); font-size: 12px; }
    `,
  ];

  declare text: string;
  declare preview: AdminReply<'people.import'> | null;
  /** What stops a check or a commit, in the page's words (not a row's). */
  declare problem: string;

  private readonly locale = new LocaleController(this);
  private readonly check = new RpcState(this, 'people.import');
  private readonly commit = new RpcWrite(this, 'people.import');
  /** The rows the preview is of. */
  private checkedRows: string[][] = [];

  constructor() {
    super();
    this.text = '';
    this.preview = null;
    this.problem = '';
  }

  private edit(text: string): void {
    this.text = text;
    this.preview = null;
    this.problem = '';
  }

  private async runCheck(e: Event): Promise<void> {
    e.preventDefault();
    const s = t().people;
    // Only name, email and group are read: the rest of a wide pasted row stays out of the request.
    const rows = parsePastedRows(this.text).map((cells) => cells.slice(0, 3));
    if (rows.every((r) => r.every((c) => c === ''))) {
      this.problem = s.importEmpty;
      return;
    }
    if (rows.length > MAX_ROWS) {
      this.problem = s.importTooMany(MAX_ROWS);
      return;
    }
    this.problem = '';
    const reply = await this.check.run({ rows, commit: false });
    if (reply) {
      this.checkedRows = rows;
      this.preview = reply;
    } else this.problem = this.describe(this.check.error);
  }

  private async runCommit(): Promise<void> {
    const reply = await this.commit.send({ rows: this.checkedRows, commit: true });
    if (!reply) {
      this.problem = this.describe(this.commit.error);
      return;
    }
    this.preview = reply;
    tell(this, 'adm-imported', { added: reply.added, invalid: reply.invalid });
  }

  /** A row's cell too long (`rows[4][1]`) says its line; anything else as the error says. */
  private describe(error: unknown): string {
    const lang = getLang();
    if (error instanceof AdminError && error.fields.length > 0) {
      const f = error.fields[0];
      const m = /^rows\[(\d+)\]/.exec(f.field);
      const message = fieldMessage(f.message, lang);
      return m ? `${t().people.importRow} ${Number(m[1]) + 1}: ${message}` : message;
    }
    return errorText(error, lang);
  }

  override render() {
    const s = t();
    const p = s.people;
    void this.locale;
    const busy = this.check.loading || this.commit.loading;
    return html`
      <h2>${p.importHeading}</h2>
      <form novalidate @submit=${(e: Event) => this.runCheck(e)}>
        ${textAreaField({
          id: 'rows',
          label: p.importLabel,
          hint: p.importHint,
          value: this.text,
          rows: 8,
          placeholder: 'Anna Ivanova\tanna@example.com\tsupport',
          onInput: (v) => this.edit(v),
        })}
        ${this.problem ? html`<p class="form-errors" role="alert">${this.problem}</p>` : nothing}
        <div class="actions">
          <button type="submit" class=${this.preview ? 'check' : 'primary check'} ?disabled=${busy}>${this.check.loading ? p.importChecking : p.importCheck}</button>
          <button type="button" class="cancel" @click=${() => tell(this, 'adm-close')}>${s.cancel}</button>
        </div>
      </form>
      ${this.preview ? this.renderPreview(this.preview, busy) : nothing}
    `;
  }

  private renderPreview(preview: AdminReply<'people.import'>, busy: boolean) {
    const p = t().people;
    const lang = this.locale.lang;
    const committed = preview.added > 0;
    return html`<section aria-labelledby="sum">
      <p class="summary" id="sum" role="status">${committed ? p.importDone(preview.added) : p.importSummary(preview.valid, preview.invalid)}</p>
      <ol class="preview">
        ${preview.rows.map((row: ImportRow) => {
          const bad = row.errors.length > 0;
          return html`<li class=${bad ? 'bad' : 'good'} data-row=${row.row}>
            <div class="line">
              <span class="n">${row.row}</span>
              <span class="mark" aria-hidden="true">${bad ? '✕' : '✓'}</span>
              <span class="cells">${row.name || '—'} <span class="sub">${row.email || '—'} · ${row.group || '—'}${row.id ? ` · ${row.id}` : ''}</span></span>
            </div>
            ${bad ? html`<ul class="errs">${row.errors.map((e) => html`<li data-field=${e.field}>${fieldMessage(e.message, lang)}</li>`)}</ul>` : nothing}
          </li>`;
        })}
      </ol>
      ${committed
        ? nothing
        : preview.valid === 0
          ? html`<p class="form-errors">${p.importNothing}</p>`
          : html`${preview.invalid > 0 ? html`<p class="hint">${p.importSkipNote}</p>` : nothing}
              <div class="actions">
                <button type="button" class="primary commit" ?disabled=${busy} @click=${() => this.runCommit()}>${this.commit.loading ? p.importCommitting : p.importCommit(preview.valid)}</button>
              </div>`}
    </section>`;
  }
}

customElements.define('adm-people-import', AdmPeopleImport);

declare global {
  interface HTMLElementTagNameMap {
    'adm-people-import': AdmPeopleImport;
  }
}
