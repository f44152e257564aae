// The sync state, always on screen: what is still waiting to be sent, when the server last answered,
// whether the device is offline, the last error, and every entry the server refused (with its reason)
// until the person dismisses it. Nothing is dropped silently.
import { LitElement, html, css, nothing } from 'lit';
import type { StatusInfo } from '../../../common/status.ts';
import type { RefusedEntry, SyncState } from '../model.ts';
import { ClockController } from '../controllers/clock-controller.ts';
import { LocaleController } from '../controllers/locale-controller.ts';
import { t } from '../i18n/locale.ts';
import { formatTime } from '../i18n/format.ts';
import { pickLanguage } from '../i18n/error-text.ts';
import { statusLabel } from './status-lookup.ts';
import { theme } from './theme.ts';

export class SyncStateView extends LitElement {
  static override properties = {
    sync: { attribute: false },
    statuses: { attribute: false },
    timeZone: { type: String },
  };

  static override styles = [
    theme,
    css`
      :host { display: block; }
      .bar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 0.75rem; }
      .summary { flex: 1 1 12rem; }
      .badge { display: inline-block; padding: 0.1rem 0.55rem; border-radius: 999px; font-weight: 700; font-size: 0.9rem; }
      .offline { background: var(--wtt-warn-bg); color: var(--wtt-warn-text); border: 1px solid var(--wtt-warn-text); }
      .syncing { background: #e8f0fe; color: #0b3d91; }
      .refused { margin-top: 0.75rem; border-top: 1px solid var(--wtt-line); padding-top: 0.5rem; }
      .refused h3 { font-size: 0.95rem; margin: 0 0 0.25rem; color: var(--wtt-danger); }
      .refused li { display: flex; align-items: center; justify-content: space-between; gap: 0.5rem; padding: 0.25rem 0; }
      .why { display: block; }
    `,
  ];

  declare sync: SyncState | null;
  declare statuses: StatusInfo[];
  declare timeZone: string;

  private readonly clock = new ClockController(this);
  private readonly locale = new LocaleController(this);
  /** After a dismiss, the position whose button should get the focus once the entry is gone. */
  private focusAfterDismiss: { index: number; countBefore: number } | null = null;

  constructor() {
    super();
    this.sync = null;
    this.statuses = [];
    this.timeZone = '';
  }

  override render() {
    const sync = this.sync;
    if (!sync) return nothing;
    const s = t();
    const lang = this.locale.lang;
    const retryInS = sync.nextRetryAt !== null && !sync.syncing ? Math.ceil((sync.nextRetryAt - this.clock.now) / 1000) : 0;
    return html`<section class="card" aria-labelledby="sync-heading">
      <h2 id="sync-heading" class="visually-hidden">${s.syncHeading}</h2>
      <div class="bar">
        <div class="summary" role="status" aria-live="polite">
          ${sync.online ? nothing : html`<span class="badge offline" data-testid="offline">${s.offline}</span>`}
          ${sync.syncing ? html`<span class="badge syncing">${s.syncing}</span>` : nothing}
          <span data-testid="pending">${sync.pending > 0 ? s.pending(sync.pending) : s.allSent}</span>
          ${sync.error ? html`<span class="error why" data-testid="sync-error">${pickLanguage(sync.error, lang)}</span>` : nothing}
        </div>
        <button type="button" @click=${this.syncNow} ?disabled=${sync.syncing || !sync.online}>${s.syncNow}</button>
      </div>
      <p class="muted num">
        <span data-testid="last-sync">${sync.lastSyncAt === null ? s.neverSynced : s.lastSync(formatTime(sync.lastSyncAt, lang, this.timeZone || undefined))}</span>
        ${retryInS > 0 ? html` · <span>${s.retryIn(retryInS)}</span>` : nothing}
      </p>
      ${sync.refused.length ? this.renderRefused(sync.refused) : nothing}
    </section>`;
  }

  private renderRefused(refused: RefusedEntry[]) {
    const s = t();
    const lang = this.locale.lang;
    return html`<div class="refused">
      <h3 id="refused-heading">${s.refusedHeading}</h3>
      <ul aria-labelledby="refused-heading" aria-live="polite">
        ${refused.map((r, i) => {
          const what = s.refusedItem(statusLabel(this.statuses, r.status, lang), formatTime(r.at, lang, this.timeZone || undefined));
          return html`<li data-entry=${r.entryId}>
            <span><strong>${what}</strong><span class="why error">${pickLanguage(r.message, lang)}</span></span>
            <button type="button" aria-label=${s.dismissLabel(what)} @click=${() => this.dismiss(r.entryId, i)}>${s.dismiss}</button>
          </li>`;
        })}
      </ul>
    </div>`;
  }

  override updated(): void {
    const pending = this.focusAfterDismiss;
    if (pending === null || (this.sync?.refused.length ?? 0) >= pending.countBefore) return;
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.refused li button')];
    const target = buttons[Math.min(pending.index, buttons.length - 1)] ?? this.renderRoot.querySelector<HTMLButtonElement>('.bar button');
    target?.focus();
    this.focusAfterDismiss = null;
  }

  private syncNow(): void {
    this.dispatchEvent(new CustomEvent('wtt-sync-now', { bubbles: true, composed: true }));
  }

  private dismiss(entryId: string, index: number): void {
    this.focusAfterDismiss = { index, countBefore: this.sync?.refused.length ?? 0 };
    this.dispatchEvent(new CustomEvent('wtt-dismiss-refused', { detail: { entryId }, bubbles: true, composed: true }));
  }
}

customElements.define('wtt-sync-state', SyncStateView);

declare global {
  interface HTMLElementTagNameMap {
    'wtt-sync-state': SyncStateView;
  }
  interface HTMLElementEventMap {
    'wtt-sync-now': CustomEvent<void>;
    'wtt-dismiss-refused': CustomEvent<{ entryId: string }>;
  }
}
