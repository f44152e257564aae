// <adm-broadcast>: the Broadcast dialog (1000×720). Compose a message in Russian and/or English, pick who
// gets it and by which channels, check who it reaches (broadcast.preview), send it now or at a time
// (broadcast.send, after a confirm step), then watch its delivery report fill in (broadcast.report, asked
// every few seconds while anything is still waiting). Past broadcasts open their report.
import { LitElement, html, css, nothing } from 'lit';
import type { AdminReply, BroadcastRecipientRow, BroadcastRecord } from '../../../../common/admin-api.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcState, RpcWrite } from '../../controllers/rpc-state.ts';
import { PollingController } from '../../controllers/polling.ts';
import { t, type Lang } from '../../i18n/locale.ts';
import { adminTheme } from '../../components/theme.ts';
import { checkField, fieldStyles, textAreaField } from '../../components/fields.ts';
import { pathErrors, type FieldErrors } from '../../components/field-errors.ts';
import { emptyState, errorState, loadingState, stateStyles } from '../../components/states.ts';
import { timeIn, zoneOf } from '../../components/zoned-time.ts';
import type { Column } from '../../components/table-view.ts';
import '../../components/screen-header.ts';
import '../../components/data-table.ts';
import '../../components/confirm-step.ts';
import { EMPTY_DRAFT, previewPayload, type AudienceKind, type Draft } from './broadcast-draft.ts';

/** Cells are drawn inside the data table's shadow root, out of reach of this screen's classes. */
const STATUS_STYLE: Record<BroadcastRecipientRow['status'], string> = {
  sent: 'color: var(--wtt-ok-text); font-weight: 600',
  failed: 'color: var(--wtt-danger); font-weight: 600',
  pending: 'color: var(--wtt-muted)',
  unreachable: 'color: var(--wtt-muted)',
};

/** How often an open report is asked again while something is still waiting. */
const REPORT_POLL_MS = 4000;

function when(ms: number, lang: Lang, zone: string): string {
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: zone }).format(ms);
}

export class AdmBroadcast extends LitElement {
  static override properties = {
    draft: { state: true },
    errors: { state: true },
    confirming: { state: true },
    reportId: { state: true },
  };

  static override styles = [
    adminTheme,
    fieldStyles,
    stateStyles,
    css`
      :host { display: block; padding: 0.6rem 0.9rem 1rem; }
      .layout { display: grid; grid-template-columns: minmax(0, 1.35fr) minmax(0, 1fr); gap: 1rem; align-items: start; }
      .layout.wide { grid-template-columns: minmax(0, 1fr); }
      h2 { font-size: 14px; margin: 0 0 0.4rem; }
      .texts { display: grid; grid-template-columns: 1fr 1fr; gap: 0 0.6rem; }
      /* The theme's monospace is for pasted rows; a message reads as Telegram and mail will show it. */
      .texts textarea { min-height: 7.5rem; font: inherit; }
      .hint { color: var(--wtt-muted); font-size: 12px; margin: -0.2rem 0 0.5rem; }
      fieldset { border: 1px solid var(--wtt-line); border-radius: 6px; margin: 0 0 0.5rem; padding: 0.35rem 0.6rem 0.45rem; }
      legend { font-weight: 600; padding: 0 0.25rem; }
      .radios { display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; }
      .radios label, .checks label { display: inline-flex; align-items: center; gap: 0.3rem; font-weight: 400; white-space: nowrap; }
      input[type='radio'] { width: auto; min-height: 0; margin: 0; }
      .checks { display: flex; gap: 1.2rem; }
      .groups { display: flex; flex-wrap: wrap; gap: 0.2rem 0.9rem; margin-top: 0.35rem; }
      .buttons { display: flex; gap: 0.5rem; align-items: center; margin-top: 0.4rem; flex-wrap: wrap; }
      .panel { border: 1px solid var(--wtt-line); border-radius: 6px; padding: 0.5rem 0.7rem; margin-bottom: 0.8rem; background: var(--wtt-bg); }
      .big { font-size: 20px; font-weight: 700; margin: 0 0 0.2rem; }
      .reach { display: flex; flex-wrap: wrap; gap: 0.3rem 0.6rem; margin: 0 0 0.4rem; }
      .chip { border-radius: 999px; padding: 0.05rem 0.55rem; background: var(--wtt-line); font-size: 12px; }
      ul.unreachable { margin: 0.2rem 0 0; padding-left: 1.1rem; max-height: 9rem; overflow: auto; font-size: 12px; }
      .muted { color: var(--wtt-muted); font-size: 12px; }
      .tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 0.5rem; margin: 0.4rem 0 0.6rem; }
      .tile { border: 1px solid var(--wtt-line); border-radius: 6px; padding: 0.35rem 0.5rem; }
      .tile b { display: block; font-size: 20px; }
      .tile.sent b { color: var(--wtt-ok-text); }
      .tile.failed b { color: var(--wtt-danger); }
      .tile.unreachable b { color: var(--wtt-muted); }
      .message { white-space: pre-wrap; border-left: 3px solid var(--wtt-accent); padding: 0.2rem 0.5rem; margin: 0 0 0.4rem; max-height: 4.5rem; overflow: auto; }
      ol.past { list-style: none; margin: 0; padding: 0; }
      ol.past li { display: flex; gap: 0.5rem; align-items: baseline; border-bottom: 1px solid var(--wtt-line); padding: 0.3rem 0; }
      ol.past li .what { flex: 1 1 auto; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      [hidden] { display: none !important; }
    `,
  ];

  declare draft: Draft;
  declare errors: FieldErrors;
  declare confirming: boolean;
  declare reportId: string | null;

  private readonly locale = new LocaleController(this);
  private readonly groups = new RpcState(this, 'groups.list');
  private readonly past = new RpcState(this, 'broadcast.list');
  private readonly preview = new RpcState(this, 'broadcast.preview');
  private readonly send = new RpcWrite(this, 'broadcast.send');
  private readonly report = new RpcState(this, 'broadcast.report');
  /** The preview answers this draft (a change since asks for a new one before sending). */
  private previewed: string | null = null;

  constructor() {
    super();
    this.draft = EMPTY_DRAFT;
    this.errors = {};
    this.confirming = false;
    this.reportId = null;
    new PollingController(this, {
      periodMs: REPORT_POLL_MS,
      immediate: false,
      task: () => (this.reportId !== null && this.report.value?.done !== true ? this.loadReport() : undefined),
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.groups.run({});
    void this.past.run({});
  }

  private get zone(): string {
    return zoneOf(this.preview.value ?? this.past.value ?? this.report.value);
  }

  private edit<K extends keyof Draft>(key: K, value: Draft[K]): void {
    this.draft = { ...this.draft, [key]: value };
    this.confirming = false;
    this.errors = {};
  }

  private toggleGroup(name: string, on: boolean): void {
    const groups = on ? [...this.draft.groups, name] : this.draft.groups.filter((g) => g !== name);
    this.edit('groups', groups);
  }

  private payloadKey(): string {
    return JSON.stringify(previewPayload(this.draft, this.zone));
  }

  async check(): Promise<void> {
    const key = this.payloadKey();
    const reply = await this.preview.run(previewPayload(this.draft, this.zone));
    if (!reply) {
      this.errors = pathErrors(this.preview.error, this.locale.lang);
      this.previewed = null;
      return;
    }
    this.previewed = key;
    this.errors = {};
  }

  private async ask(): Promise<void> {
    if (this.previewed !== this.payloadKey()) await this.check();
    if (this.previewed === this.payloadKey()) this.confirming = true;
  }

  private async confirmSend(): Promise<void> {
    const reply = await this.send.send(previewPayload(this.draft, this.zone));
    this.confirming = false;
    if (!reply) {
      this.errors = pathErrors(this.send.error, this.locale.lang);
      return;
    }
    this.draft = EMPTY_DRAFT;
    this.previewed = null;
    this.preview.reset();
    await this.openReport(reply.id);
    void this.past.run({});
  }

  async openReport(id: string): Promise<void> {
    this.reportId = id;
    this.report.reset();
    await this.loadReport();
  }

  private async loadReport(): Promise<void> {
    if (this.reportId === null) return;
    await this.report.run({ id: this.reportId });
    if (this.report.value?.done) void this.past.run({});
  }

  private closeReport(): void {
    this.reportId = null;
    this.report.reset();
  }

  override render() {
    return html`
      <adm-screen-header page="Broadcast"></adm-screen-header>
      <div class="layout ${this.reportId === null ? '' : 'wide'}">
        <section>${this.reportId === null ? this.renderCompose() : this.renderReport()}</section>
        <aside>${this.reportId === null ? this.renderPreview() : nothing}${this.renderPast()}</aside>
      </div>
    `;
  }

  private renderCompose() {
    const b = t().broadcast;
    const d = this.draft;
    const lead = this.groups.value?.viewer.role === 'lead';
    const groups = this.groups.value?.rows.map((g) => g.name) ?? [];
    const audience: { value: AudienceKind; label: string }[] = [
      { value: 'all', label: lead ? b.everyoneLead : b.everyone },
      { value: 'groups', label: b.groups },
      { value: 'on_shift', label: b.onShift },
      { value: 'emails', label: b.list },
    ];
    const err = this.errors;
    const audienceError = Object.entries(err).find(([k]) => k.startsWith('audience'))?.[1];
    return html`<form novalidate @submit=${(e: Event) => (e.preventDefault(), void this.ask())} aria-label=${b.compose}>
      <h2>${b.compose}</h2>
      <div class="texts">
        ${textAreaField({ id: 'text_ru', label: b.textRu, value: d.text_ru, rows: 5, error: err.text_ru, onInput: (v) => this.edit('text_ru', v) })}
        ${textAreaField({ id: 'text_en', label: b.textEn, value: d.text_en, rows: 5, error: err.text_en, onInput: (v) => this.edit('text_en', v) })}
      </div>
      <p class="hint">${b.textHint}</p>
      <fieldset>
        <legend>${b.audience}</legend>
        <div class="radios" role="radiogroup">
          ${audience.map(
            (a) => html`<label><input type="radio" name="audience" value=${a.value} .checked=${d.audience === a.value} @change=${() => this.edit('audience', a.value)} />${a.label}</label>`,
          )}
        </div>
        ${d.audience === 'groups'
          ? html`<div class="groups">${groups.map((g) => checkField({ id: `group-${g}`, label: g, checked: d.groups.includes(g), onChange: (on) => this.toggleGroup(g, on) }))}</div>`
          : nothing}
        ${d.audience === 'emails'
          ? textAreaField({ id: 'emails', label: b.emails, hint: b.emailsHint, value: d.emails, rows: 3, onInput: (v) => this.edit('emails', v) })
          : nothing}
        ${audienceError ? html`<p class="field-error" role="alert"><span aria-hidden="true">⚠ </span>${audienceError}</p>` : nothing}
      </fieldset>
      <fieldset>
        <legend>${b.channels}</legend>
        <div class="checks">
          ${checkField({ id: 'ch-telegram', label: b.telegram, checked: d.telegram, onChange: (on) => this.edit('telegram', on) })}
          ${checkField({ id: 'ch-email', label: b.email, checked: d.email, onChange: (on) => this.edit('email', on) })}
        </div>
        ${err.channels ? html`<p class="field-error" role="alert"><span aria-hidden="true">⚠ </span>${err.channels}</p>` : nothing}
      </fieldset>
      <fieldset>
        <legend>${b.when}</legend>
        <div class="radios" role="radiogroup">
          <label><input type="radio" name="when" .checked=${d.when === 'now'} @change=${() => this.edit('when', 'now')} />${b.now}</label>
          <label><input type="radio" name="when" .checked=${d.when === 'at'} @change=${() => this.edit('when', 'at')} />${b.at}</label>
        </div>
        ${d.when === 'at'
          ? html`<div class="field" data-field="at">
                <label for="at">${b.atLabel}</label>
                <input
                  id="at"
                  type="datetime-local"
                  .value=${d.at}
                  aria-invalid=${err.at ? 'true' : 'false'}
                  aria-describedby="at-zone"
                  @input=${(e: Event) => this.edit('at', (e.target as HTMLInputElement).value)}
                />
                ${err.at ? html`<p class="field-error"><span aria-hidden="true">⚠ </span>${err.at}</p>` : nothing}
                <p id="at-zone" class="muted">${b.timesIn(this.zone)}</p>
              </div>`
          : nothing}
      </fieldset>
      ${this.send.status === 'error' && Object.keys(this.errors).length === 0 ? errorState(this.send.error) : nothing}
      ${this.confirming && this.preview.value
        ? html`<adm-confirm
            .message=${d.when === 'at' && this.preview.value.at !== null
              ? b.confirmAt(this.preview.value.people, when(this.preview.value.at, this.locale.lang, this.zone))
              : b.confirmNow(this.preview.value.people)}
            .confirmLabel=${d.when === 'at' ? b.schedule : b.send}
            .busy=${this.send.loading}
            @adm-confirm=${() => void this.confirmSend()}
            @adm-cancel=${() => (this.confirming = false)}
          ></adm-confirm>`
        : html`<div class="buttons">
            <button type="button" class="check" ?disabled=${this.preview.loading} @click=${() => void this.check()}>${this.preview.loading ? b.previewing : b.preview}</button>
            <button type="submit" class="primary send" ?disabled=${this.send.loading || this.preview.loading}>${this.send.loading ? b.sending : d.when === 'at' ? b.schedule : b.send}</button>
          </div>`}
    </form>`;
  }

  private renderPreview() {
    const b = t().broadcast;
    const p = this.preview.value;
    if (this.preview.loading && !p) return html`<div class="panel">${loadingState(b.previewing)}</div>`;
    if (!p) return html`<div class="panel"><p class="muted">${b.previewFirst}</p></div>`;
    return html`<div class="panel preview" aria-live="polite">
      <p class="big">${b.people(p.people)}</p>
      <div class="reach">
        ${this.draft.telegram ? html`<span class="chip">${b.byTelegram(p.reach.telegram)}</span>` : nothing}
        ${this.draft.email ? html`<span class="chip">${b.byEmail(p.reach.email)}</span>` : nothing}
        <span class="chip">${b.inRussian(p.languages.ru)}</span>
        <span class="chip">${b.inEnglish(p.languages.en)}</span>
      </div>
      ${p.unreachable.length === 0
        ? html`<p class="muted">${b.allReachable}</p>`
        : html`<p>${b.unreachable(p.unreachable.length)}</p>
            <ul class="unreachable">
              ${p.unreachable.map((u) => html`<li>${u.name} · ${u.group} — ${b[u.channel]}: ${this.half(u.error)}</li>`)}
            </ul>`}
    </div>`;
  }

  /** The half of a server text "English / Русский" in the page's language. */
  private half(text: string): string {
    const [en, ru] = text.split(' / ');
    return this.locale.lang === 'ru' && ru ? ru : en;
  }

  private renderReport() {
    const b = t().broadcast;
    const r = this.report.value;
    if (!r) return this.report.status === 'error' ? errorState(this.report.error, () => void this.loadReport()) : loadingState();
    const lang = this.locale.lang;
    const zone = zoneOf(r);
    const c = r.counts;
    const text = lang === 'ru' ? r.broadcast.text_ru || r.broadcast.text_en : r.broadcast.text_en || r.broadcast.text_ru;
    return html`<h2>${b.report}</h2>
      <p class="message">${text}</p>
      <p class="muted state-line">
        ${when(r.broadcast.created_at, lang, zone)} · ${r.broadcast.author} · ${this.audienceText(r.broadcast)} ·
        ${r.broadcast.channels.map((ch) => b[ch]).join(', ')} —
        ${r.broadcast.state === 'scheduled' && r.broadcast.at !== null ? b.scheduledFor(when(r.broadcast.at, lang, zone)) : r.done ? (r.rows.some((x) => x.retry_at !== null) ? b.retrying : b.finished) : b.live}
      </p>
      <div class="tiles">
        ${(['sent', 'failed', 'pending', 'unreachable'] as const).map((k) => html`<div class="tile ${k}"><b>${c[k]}</b>${b.counts[k]}</div>`)}
      </div>
      ${r.rows.length > 0
        ? html`<adm-data-table
            .rows=${r.rows}
            .columns=${this.reportColumns(lang, zone)}
            .rowKey=${(row: BroadcastRecipientRow) => `${row.employee_id}|${row.channel}`}
            .pageSize=${8}
          ></adm-data-table>`
        : nothing}
      <div class="buttons"><button type="button" class="primary new" @click=${() => this.closeReport()}>${b.newOne}</button></div>`;
  }

  private reportColumns(lang: Lang, zone: string): Column<BroadcastRecipientRow>[] {
    const b = t().broadcast;
    return [
      { key: 'name', label: b.colName, value: (r) => r.name, width: '11rem' },
      { key: 'group', label: b.colGroup, value: (r) => r.group, width: '7.5rem' },
      { key: 'channel', label: b.colChannel, value: (r) => b[r.channel], width: '6rem' },
      { key: 'status', label: b.colStatus, value: (r) => b.status[r.status] ?? r.status, render: (r) => html`<span style=${STATUS_STYLE[r.status]}>${b.status[r.status] ?? r.status}</span>`, width: '7rem' },
      {
        key: 'error',
        label: b.colError,
        value: (r) => r.error,
        render: (r) => html`${this.half(r.error)}${r.retry_at !== null ? html`<span class="cell-sub">${b.retryAt(when(r.retry_at, lang, zone))}</span>` : nothing}`,
      },
      { key: 'sent_at', label: b.colSentAt, value: (r) => r.sent_at, render: (r) => (r.sent_at === null ? '' : timeIn(r.sent_at, lang, zone)), width: '7rem' },
    ];
  }

  private audienceText(rec: BroadcastRecord): string {
    const a = t().broadcast.audienceText;
    const au = rec.audience;
    if ('all' in au) return a.all;
    if ('on_shift' in au) return a.on_shift;
    if ('groups' in au) return a.groups(au.groups.join(', '));
    return a.emails(au.emails.length);
  }

  private renderPast() {
    const b = t().broadcast;
    const list: AdminReply<'broadcast.list'> | undefined = this.past.value;
    const lang = this.locale.lang;
    return html`<div class="panel past-panel">
      <h2>${b.past}</h2>
      ${this.past.status === 'error' ? errorState(this.past.error, () => void this.past.run({})) : nothing}
      ${!list
        ? this.past.loading
          ? loadingState()
          : nothing
        : list.rows.length === 0
          ? emptyState(b.noPast)
          : html`<ol class="past">
              ${list.rows.map((r) => {
                const text = lang === 'ru' ? r.text_ru || r.text_en : r.text_en || r.text_ru;
                return html`<li>
                  <span class="muted">${when(r.at ?? r.created_at, lang, zoneOf(list))}</span>
                  <span class="what" title=${text}>${text}</span>
                  <span class="muted">${b.state[r.state] ?? r.state}</span>
                  <button type="button" class="open" @click=${() => void this.openReport(r.id)}>${b.open}</button>
                </li>`;
              })}
            </ol>`}
    </div>`;
  }
}

customElements.define('adm-broadcast', AdmBroadcast);

declare global {
  interface HTMLElementTagNameMap {
    'adm-broadcast': AdmBroadcast;
  }
}
