// <adm-floor-view>: the live floor, shared by the Floor sidebar and the FloorBoard dialog: everyone on shift
// now with their status in its colour, since when and for how long (counting on every second), the planned
// window it belongs to, over the limit / late / missing marked; per group on break against the cap,
// working, missing, over and adherence. Filtered by group and status, searched by name. It refreshes itself
// (FloorFeed) and says when what it shows is stale.
//
// In the sidebar (layout "sidebar") the people are a data table whose rows open (`adm-row-open` with the
// LiveRow): the Floor screen offers a lead's correction there. On the big screen (layout "board") they are
// tiles, large enough to read from across a room.
import { LitElement, html, css, nothing, type TemplateResult } from 'lit';
import { LocaleController } from '../controllers/locale-controller.ts';
import { t, type Lang } from '../i18n/locale.ts';
import { errorText } from '../i18n/error-text.ts';
import { formatAgo } from '../i18n/format.ts';
import { adminTheme } from './theme.ts';
import { fieldStyles, selectField } from './fields.ts';
import { errorState, loadingState, stateStyles } from './states.ts';
import type { Column } from './table-view.ts';
import { FloorFeed } from './floor-feed.ts';
import {
  ABSENT,
  ATTENTION,
  NOT_IN,
  NO_FLOOR_FILTERS,
  ON_BREAK,
  OVER,
  filterRows,
  floorFilter,
  floorSearchText,
  liveGroups,
  liveRows,
  type FloorFilters,
  type FloorReply,
  type LiveGroup,
  type LiveRow,
} from './floor-live.ts';
import { statusChip } from './status-chip.ts';
import { clockText, timeIn, timeWithSeconds, zoneOf } from './zoned-time.ts';
import { statusLabel } from './status-label.ts';
import './data-table.ts';

export type FloorLayout = 'sidebar' | 'board';

export class AdmFloorView extends LitElement {
  static override properties = {
    layout: { type: String, reflect: true },
    filters: { state: true },
  };

  static override styles = [
    adminTheme,
    fieldStyles,
    stateStyles,
    css`
      :host { display: block; }
      .updated { display: flex; align-items: center; gap: 0.4rem; color: var(--wtt-muted); font-size: 12px; margin: 0 0 0.4rem; }
      .updated span { flex: 1 1 auto; min-width: 0; }
      .updated button { min-height: 26px; padding: 0 0.5rem; font-size: 12px; }
      .stale { border: 1px solid var(--wtt-warn-text); background: var(--wtt-warn-bg); color: var(--wtt-warn-text); border-radius: 6px; padding: 0.4rem 0.5rem; margin: 0 0 0.5rem; }
      .stale p { margin: 0 0 0.2rem; }
      .stale strong { display: block; }
      .stale button { min-height: 28px; margin-top: 0.2rem; }
      .tools { display: flex; flex-wrap: wrap; gap: 0 0.5rem; }
      .tools .field { flex: 1 1 7rem; min-width: 0; margin-bottom: 0.4rem; }
      .tools .search { flex-basis: 100%; }
      .zone { color: var(--wtt-muted); font-size: 12px; margin: 0.4rem 0 0; }

      ul.groups { display: grid; gap: 0.4rem; margin: 0 0 0.6rem; }
      ul.groups li { border: 1px solid var(--wtt-line); border-radius: 6px; padding: 0.3rem 0.45rem; background: var(--wtt-bg); }
      .g-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 0.4rem; }
      .g-name { font-weight: 700; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .g-shift { color: var(--wtt-muted); font-size: 12px; white-space: nowrap; flex: 1 1 auto; }
      dl.counts { display: grid; grid-template-columns: repeat(4, auto); justify-content: space-between; gap: 0.2rem 0.5rem; margin: 0.2rem 0 0; }
      :host([layout='board']) dl.counts { grid-template-columns: repeat(5, auto); }
      .g-adh { font-size: 12px; color: var(--wtt-muted); white-space: nowrap; margin-left: auto; }
      .g-adh .value { font-size: 16px; color: var(--wtt-text); }
      dl.counts div { display: flex; flex-direction: column-reverse; min-width: 0; }
      dl.counts dt { font-size: 11px; color: var(--wtt-muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      dl.counts dd { margin: 0; font-weight: 700; font-size: 16px; font-variant-numeric: tabular-nums; white-space: nowrap; }
      dl.counts .full dd { color: var(--wtt-warn-text); }
      dl.counts .over dd, dl.counts .bad dd { color: var(--wtt-danger); }
      .cap-note { font-size: 12px; font-weight: 600; margin: 0.15rem 0 0; }
      .cap-note.full { color: var(--wtt-warn-text); }
      .cap-note.over { color: var(--wtt-danger); }
      .hint { color: var(--wtt-muted); font-size: 12px; margin: 0 0 0.3rem; }

      /* The big screen: readable from across a room. */
      :host([layout='board']) { font-size: 18px; }
      :host([layout='board']) .board-top { display: flex; gap: 0 0.6rem; align-items: flex-end; margin-bottom: 0.5rem; }
      :host([layout='board']) .board-top .field { margin: 0; flex: 1 1 0; min-width: 0; }
      :host([layout='board']) .board-top .search { flex-grow: 1.4; }
      :host([layout='board']) .board-top label { font-size: 13px; }
      :host([layout='board']) .board-top .updated { margin: 0 0 0 0.4rem; flex: none; font-size: 13px; }
      :host([layout='board']) ul.groups { grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); margin-bottom: 0.75rem; }
      :host([layout='board']) ul.groups li { padding: 0.45rem 0.7rem; }
      :host([layout='board']) .g-name { font-size: 20px; }
      :host([layout='board']) .g-shift { font-size: 14px; }
      :host([layout='board']) dl.counts dt { font-size: 13px; }
      :host([layout='board']) dl.counts dd { font-size: 28px; line-height: 1.15; }
      :host([layout='board']) .cap-note { font-size: 14px; }

      ol.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: 0.45rem; }
      .tile { border: 1px solid var(--wtt-line); border-left: 8px solid var(--tile-colour, #5f6368); border-radius: 8px; padding: 0.3rem 0.5rem 0.35rem; background: var(--wtt-bg); min-width: 0; }
      .tile .name { font-weight: 700; font-size: 18px; line-height: 1.3; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .tile .mid { display: flex; align-items: center; justify-content: space-between; gap: 0.4rem; min-width: 0; margin-top: 0.15rem; }
      .tile .mid .status-chip { flex: 0 1 auto; min-width: 0; }
      .tile .not-in { color: var(--wtt-muted); font-size: 15px; }
      .tile .flag { flex: none; font-size: 13px; font-weight: 700; border-radius: 4px; padding: 0.05rem 0.45rem; white-space: nowrap; }
      .tile .clock { flex: none; font-size: 24px; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; text-align: right; }
      .tile .of { display: block; font-size: 12px; font-weight: 400; color: var(--wtt-muted); line-height: 1; }
      .tile .when { color: var(--wtt-muted); font-size: 13px; line-height: 1.3; margin-top: 0.15rem; }
      .tile .over-by { font-weight: 700; font-size: 15px; color: var(--wtt-danger); margin-top: 0.1rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
      .tile.over { border-color: var(--wtt-danger); border-left-color: var(--tile-colour, #5f6368); background: #fde7e9; box-shadow: 0 0 0 2px var(--wtt-danger); }
      .tile.over .clock { color: var(--wtt-danger); }
      .tile.late, .tile.missing { background: var(--wtt-warn-bg); border-style: dashed; border-left-style: solid; }
      .tile.late .flag, .tile.missing .flag { background: var(--wtt-warn-text); color: #fff; }
      .tile.late .clock, .tile.missing .clock { color: var(--wtt-warn-text); }
      .nothing { color: var(--wtt-muted); padding: 0.75rem 0; }
      [hidden] { display: none !important; }
    `,
  ];

  declare layout: FloorLayout;
  declare filters: FloorFilters;

  readonly feed: FloorFeed;
  private readonly locale = new LocaleController(this);
  /** A new predicate only when the filters change: the table goes back to its first page then. */
  private predicate: ((r: LiveRow) => boolean) | null = null;

  constructor() {
    super();
    this.layout = 'sidebar';
    this.filters = NO_FLOOR_FILTERS;
    this.feed = new FloorFeed(this);
  }

  /** Asks the server now (after a change this page made, or the Refresh button). */
  refresh(): Promise<void> {
    return this.feed.refresh();
  }

  private setFilter<K extends keyof FloorFilters>(key: K, value: FloorFilters[K]): void {
    this.filters = { ...this.filters, [key]: value };
    if (key !== 'query') this.predicate = floorFilter(this.filters);
  }

  override render() {
    void this.locale;
    const reply = this.feed.reply;
    const now = this.feed.now;
    if (!reply || now === null) {
      return this.feed.state.status === 'error' ? errorState(this.feed.state.error, () => void this.refresh()) : loadingState();
    }
    const lang = this.locale.lang;
    const zone = zoneOf(reply);
    const rows = liveRows(reply, now, lang);
    const groups = liveGroups(reply.groups, rows).filter((g) => !this.filters.group || g.name === this.filters.group);
    const ctx: Ctx = { lang, zone, reply };
    if (this.layout === 'board') {
      return html`
        <div class="board-top">${this.renderSearch()}${this.renderGroupFilter(reply)}${this.renderStatusFilter(reply)}${this.renderUpdated(ctx)}</div>
        ${this.renderStale(ctx)} ${this.renderGroups(groups)} ${this.renderTiles(filterRows(rows, this.filters), rows.length, ctx)}
        <p class="zone">${t().floor.timesIn(zone)}</p>
      `;
    }
    return html`
      ${this.renderUpdated(ctx)} ${this.renderStale(ctx)} ${this.renderGroups(groups)}
      <div class="tools">${this.renderSearch()}${this.renderGroupFilter(reply)}${this.renderStatusFilter(reply)}</div>
      <p class="hint">${t().floor.actionsHint}</p>
      <adm-data-table
        .rows=${rows}
        .columns=${this.columns(ctx)}
        .rowKey=${(r: LiveRow) => r.row.employee_id}
        .searchText=${floorSearchText}
        .filter=${this.predicate}
        .query=${this.filters.query}
        .caption=${t().floor.count(rows.length)}
        .emptyText=${t().floor.empty}
      ></adm-data-table>
      <p class="zone">${t().floor.timesIn(zone)}</p>
    `;
  }

  private renderUpdated({ lang, zone, reply }: Ctx) {
    const f = t().floor;
    const busy = this.feed.state.loading;
    return html`<p class="updated">
      <span>${f.updated(timeWithSeconds(reply.at, lang, zone), Math.round(this.feed.periodMs / 1000))}</span>
      <button type="button" class="refresh" ?disabled=${busy} @click=${() => void this.refresh()}>${busy ? f.refreshing : f.refresh}</button>
    </p>`;
  }

  private renderStale({ lang, zone, reply }: Ctx) {
    if (!this.feed.stale) return nothing;
    const f = t().floor;
    const failed = this.feed.state.status === 'error';
    const age = this.feed.ageMs ?? 0;
    return html`<div class="stale" role="status">
      <strong>⚠ ${f.stale}</strong>
      <p>${f.staleSince(timeWithSeconds(reply.at, lang, zone), formatAgo(Date.now() - age, Date.now(), lang))}</p>
      ${failed ? html`<p class="why">${f.staleFailed(errorText(this.feed.state.error, lang))} ${f.staleRetry}</p>` : nothing}
    </div>`;
  }

  private renderSearch() {
    const s = t();
    return html`<div class="search field">
      <label class=${this.layout === 'board' ? '' : 'visually-hidden'} for="q">${s.search}</label>
      <input id="q" type="search" .value=${this.filters.query} placeholder=${s.floor.searchPlaceholder} autocomplete="off" @input=${(e: Event) => this.setFilter('query', (e.target as HTMLInputElement).value)} />
    </div>`;
  }

  private renderGroupFilter(reply: FloorReply) {
    const f = t().floor;
    const names = [...new Set([...reply.viewer.groups, ...reply.groups.map((g) => g.name)])].sort();
    // A lead of one group has nothing to choose.
    if (names.length < 2 && !this.filters.group) return nothing;
    return selectField({
      id: 'f-group',
      label: f.group,
      value: this.filters.group,
      options: [{ value: '', label: f.allGroups }, ...names.map((g) => ({ value: g, label: g }))],
      onChange: (v) => this.setFilter('group', v),
    });
  }

  private renderStatusFilter(reply: FloorReply) {
    const f = t().floor;
    const lang = this.locale.lang;
    return selectField({
      id: 'f-status',
      label: f.status,
      value: this.filters.status,
      options: [
        { value: '', label: f.anyStatus },
        { value: ATTENTION, label: f.attention },
        { value: OVER, label: f.overOnly },
        { value: ABSENT, label: f.absent },
        { value: ON_BREAK, label: f.onBreak },
        { value: NOT_IN, label: f.notIn },
        ...reply.statuses.map((st) => ({ value: st.code, label: `${f.statusesGroup}: ${statusLabel(st, lang)}` })),
      ],
      onChange: (v) => this.setFilter('status', v),
    });
  }

  private renderGroups(groups: readonly LiveGroup[]) {
    if (groups.length === 0) return nothing;
    const f = t().floor;
    const adherence = (g: LiveGroup) => (g.adherence_pct === null ? t().none : `${Math.round(g.adherence_pct)}%`);
    // The sidebar has room for four figures a line: adherence goes up beside the group's name.
    const wide = this.layout === 'board';
    return html`<ul class="groups" aria-label=${f.groupsHeading}>
      ${groups.map(
        (g) => html`<li data-group=${g.name}>
          <div class="g-head">
            <span class="g-name">${g.name}</span><span class="g-shift">${f.onShift(g.on_shift)}</span>
            ${wide ? nothing : html`<span class="adherence g-adh">${f.adherence} <b class="value">${adherence(g)}</b></span>`}
          </div>
          <dl class="counts">
            <div class="on-break ${g.capState}"><dt>${f.onBreakCount}</dt><dd>${g.cap === null ? g.on_break : `${g.on_break}/${g.cap}`}</dd></div>
            <div class="working"><dt>${f.working}</dt><dd>${g.working}</dd></div>
            <div class="missing ${g.missing > 0 ? 'bad' : ''}"><dt>${f.missingCount}</dt><dd>${g.missing}</dd></div>
            <div class="over-count ${g.over > 0 ? 'over' : ''}"><dt>${f.overCount}</dt><dd>${g.over}</dd></div>
            ${wide ? html`<div class="adherence"><dt>${f.adherence}</dt><dd class="value">${adherence(g)}</dd></div>` : nothing}
          </dl>
          ${g.capState === 'ok' ? nothing : html`<p class="cap-note ${g.capState}">${g.capState === 'over' ? f.capOver : f.capFull}: ${f.ofCap(g.on_break, g.cap ?? 0)}</p>`}
        </li>`,
      )}
    </ul>`;
  }

  private columns({ lang, zone, reply }: Ctx): Column<LiveRow>[] {
    const f = t().floor;
    const time = (ms: number) => timeIn(ms, lang, zone);
    const danger = 'color:var(--wtt-danger);';
    // A lead of one group does not need it said on every row.
    const groupShown = new Set(reply.rows.map((r) => r.group)).size > 1;
    // Wraps rather than cuts: a plan or a shift's times are what the lead reads the row for.
    const line = 'display:flex;flex-wrap:wrap;align-items:center;gap:2px 0.3rem;white-space:nowrap;margin-top:2px';
    return [
      {
        key: 'name',
        label: f.colPerson,
        value: (r) => r.row.name,
        render: (r) => {
          const flag = flagOf(r);
          const where = [groupShown ? r.row.group : '', r.row.planned ? f.planned(time(r.row.planned.start), time(r.row.planned.end)) : ''].filter(Boolean).join(' · ');
          const badge = flag ? html`<span class="badge flag ${flag.kind}" style="flex:none;${flag.style}">${flag.text}</span>` : nothing;
          // Not in: the mark says why they are listed; in: their status, and an overrun's mark under it.
          return html`<span class="cell-title" style=${r.state === 'over' ? danger : ''}>${r.state === 'over' ? '⚠ ' : ''}${r.row.name}</span>
            <span style=${line}>
              ${r.row.status ? html`<span style="flex:none;max-width:60%;display:inline-flex">${statusChip(r.status, r.row.status, lang)}</span>` : badge}
              <span class="cell-muted">${r.row.since !== null ? f.since(time(r.row.since)) : f.shift(time(r.row.shift_start), time(r.row.shift_end))}</span>
            </span>
            ${(r.row.status && flag) || where
              ? html`<span style=${line}>${r.row.status ? badge : nothing}${where ? html`<span class="cell-muted">${where}</span>` : nothing}</span>`
              : nothing}`;
        },
      },
      {
        key: 'elapsed',
        label: f.colTime,
        width: '4.6rem',
        numeric: true,
        value: (r) => r.overMs || r.elapsedMs || r.lateMs,
        render: (r) => {
          if (r.elapsedMs === null) {
            return r.lateMs > 0
              ? html`<span class="cell-title late-by" style="font-variant-numeric:tabular-nums;font-weight:400">${clockText(r.lateMs)}</span><span class="cell-sub">${f.lateWord}</span>`
              : nothing;
          }
          return html`<span class="cell-title elapsed" style="font-variant-numeric:tabular-nums;${r.state === 'over' ? danger : 'font-weight:400'}">${clockText(r.elapsedMs)}</span>
            ${r.state === 'over'
              ? html`<span class="cell-sub over-by" style="${danger}font-weight:700">${`+${clockText(r.overMs)}`}</span>`
              : r.limitMs !== null
                ? html`<span class="cell-sub">${f.limit(r.limitMs / 60_000)}</span>`
                : nothing}`;
        },
      },
    ];
  }

  private renderTiles(rows: readonly LiveRow[], total: number, { lang, zone }: Ctx) {
    const s = t();
    const f = s.floor;
    if (rows.length === 0) return html`<p class="nothing" role="status">${total === 0 ? f.empty : s.nothingMatches}</p>`;
    const time = (ms: number) => timeIn(ms, lang, zone);
    return html`<ol class="tiles" aria-label=${f.count(rows.length)}>
      ${rows.map((r) => {
        const flag = flagOf(r);
        const when = [
          r.row.group,
          r.row.since !== null ? f.since(time(r.row.since)) : f.shift(time(r.row.shift_start), time(r.row.shift_end)),
          r.row.planned ? f.planned(time(r.row.planned.start), time(r.row.planned.end)) : '',
        ].filter(Boolean);
        const colour = r.status?.color && /^#[0-9a-f]{6}$/i.test(r.status.color) ? r.status.color : '#5f6368';
        return html`<li class="tile ${r.state}" data-id=${r.row.employee_id} style="--tile-colour:${colour}">
          <div class="name">${r.row.name}</div>
          <div class="mid">
            ${r.row.status ? statusChip(r.status, r.row.status, lang, 'big') : flag ? html`<span class="flag">${flag.text}</span>` : html`<span class="not-in">${f.notInYet}</span>`}
            ${this.tileClock(r)}
          </div>
          ${r.state === 'over' ? html`<div class="over-by">${`⚠ ${f.overLabel}: +${clockText(r.overMs)}`}</div>` : nothing}
          <div class="when">${when.join(' · ')}</div>
        </li>`;
      })}
    </ol>`;
  }

  private tileClock(r: LiveRow): TemplateResult | typeof nothing {
    const f = t().floor;
    if (r.elapsedMs === null) return r.lateMs > 0 ? html`<span class="clock late-by" title=${f.lateBy(clockText(r.lateMs))}>${clockText(r.lateMs)}</span>` : nothing;
    return html`<span class="clock elapsed">${clockText(r.elapsedMs)}${r.state !== 'over' && r.limitMs !== null ? html`<span class="of">${f.limit(r.limitMs / 60_000)}</span>` : nothing}</span>`;
  }
}

/** The mark of a row that needs a lead: its words and how it looks (inline: drawn in the table's cells). */
function flagOf(r: LiveRow): { kind: string; text: string; style: string } | null {
  const f = t().floor;
  if (r.state === 'over') return { kind: 'over', text: f.overLabel, style: 'background:var(--wtt-danger);color:#fff;border-color:transparent' };
  if (r.state === 'late') return { kind: 'late', text: f.late, style: 'background:var(--wtt-warn-bg);color:var(--wtt-warn-text);border-color:var(--wtt-warn-text)' };
  if (r.state === 'missing') return { kind: 'missing', text: f.missing, style: 'background:var(--wtt-warn-bg);color:var(--wtt-warn-text);border-color:var(--wtt-warn-text)' };
  return null;
}

interface Ctx {
  lang: Lang;
  zone: string;
  reply: FloorReply;
}

customElements.define('adm-floor-view', AdmFloorView);

declare global {
  interface HTMLElementTagNameMap {
    'adm-floor-view': AdmFloorView;
  }
}
