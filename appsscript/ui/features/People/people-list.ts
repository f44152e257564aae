// <adm-people-list>: everyone the admin may see (a lead: their groups), searched by name or email, filtered by
// group, role, active and Telegram, sorted and paged. Asks the screen to open a person (`adm-row-open`), to
// add one (`adm-add-person`) or many (`adm-add-many`: admins only, so a lead is not offered it).
import { LitElement, html, css, nothing } from 'lit';
import type { PersonRecord, Viewer } from '../../../../common/admin-api.ts';
import { ROLES } from '../../../../common/status.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { t } from '../../i18n/locale.ts';
import { formatAgo } from '../../i18n/format.ts';
import { adminTheme } from '../../components/theme.ts';
import { fieldStyles, selectField } from '../../components/fields.ts';
import type { Column, SortState } from '../../components/table-view.ts';
import '../../components/data-table.ts';
import { NO_FILTERS, filtersOn, personFilter, type PeopleFilters } from './people-filter.ts';

export class AdmPeopleList extends LitElement {
  static override properties = {
    people: { attribute: false },
    groups: { attribute: false },
    viewer: { attribute: false },
    now: { type: Number },
    query: { state: true },
    filters: { state: true },
  };

  static override styles = [
    adminTheme,
    fieldStyles,
    css`
      :host { display: block; }
      .search { margin-bottom: 0.4rem; }
      .tools { display: flex; gap: 0.4rem; margin-bottom: 0.4rem; }
      .tools button { flex: 1 1 auto; white-space: nowrap; }
      details { margin-bottom: 0.4rem; }
      summary { cursor: pointer; color: var(--wtt-accent); padding: 0.15rem 0; }
      .filters { display: grid; grid-template-columns: 1fr 1fr; gap: 0 0.5rem; margin-top: 0.35rem; }
      .filters .field { margin-bottom: 0.4rem; }
    `,
  ];

  declare people: readonly PersonRecord[];
  declare groups: readonly string[];
  /** Who is looking (people.list's viewer); null until known, when nothing is offered that a lead may not do. */
  declare viewer: Viewer | null;
  /** The clock "last seen" is measured against (the screen's; a test sets it). */
  declare now: number;
  declare query: string;
  declare filters: PeopleFilters;

  private readonly locale = new LocaleController(this);
  private predicate: ((p: PersonRecord) => boolean) | null = null;
  private sort: SortState = { key: 'name', dir: 'asc' };

  constructor() {
    super();
    this.people = [];
    this.groups = [];
    this.viewer = null;
    this.now = Date.now();
    this.query = '';
    this.filters = NO_FILTERS;
  }

  private setFilter<K extends keyof PeopleFilters>(key: K, value: PeopleFilters[K]): void {
    this.filters = { ...this.filters, [key]: value };
    // A new function only when the filters change: the table starts again from page 1 when it changes.
    this.predicate = personFilter(this.filters);
  }

  private clearFilters(): void {
    this.filters = NO_FILTERS;
    this.predicate = null;
  }

  private columns(): Column<PersonRecord>[] {
    const s = t();
    const lang = this.locale.lang;
    return [
      {
        key: 'name',
        label: s.people.colName,
        value: (p) => p.name,
        render: (p) => {
          const badges = [
            p.role !== 'employee' ? html`<span class="badge">${s.people.roles[p.role]}</span>` : null,
            !p.active ? html`<span class="badge warn">${s.people.inactive}</span>` : null,
            p.telegram_chat_id ? html`<span class="badge ok">${s.people.tgBadge}</span>` : null,
          ].filter((b) => b !== null);
          return html`<span class="cell-title who">${p.name}</span><span class="cell-sub">${p.email}</span>${badges.length > 0 ? html`<span class="cell-badges">${badges}</span>` : nothing}`;
        },
      },
      { key: 'group', label: s.people.colGroup, value: (p) => p.group, width: '5rem' },
      {
        key: 'seen',
        label: s.people.colSeen,
        value: (p) => p.last_seen,
        render: (p) => html`<span class="cell-muted">${formatAgo(p.last_seen, this.now, lang, true)}</span>`,
        width: '4.6rem',
      },
    ];
  }

  override render() {
    const s = t();
    const p = s.people;
    const on = filtersOn(this.filters);
    const any = { value: '', label: p.any };
    return html`
      <div class="search">
        <label class="visually-hidden" for="q">${s.search}</label>
        <input id="q" type="search" .value=${this.query} placeholder=${p.searchPlaceholder} autocomplete="off" @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} />
      </div>
      <details ?open=${on > 0}>
        <summary>${on > 0 ? p.filtersOn(on) : p.filters}</summary>
        <div class="filters">
          ${selectField({
            id: 'f-group',
            label: p.group,
            value: this.filters.group,
            options: [{ value: '', label: p.allGroups }, ...this.groups.map((g) => ({ value: g, label: g }))],
            onChange: (v) => this.setFilter('group', v),
          })}
          ${selectField({
            id: 'f-role',
            label: p.role,
            value: this.filters.role,
            options: [any, ...ROLES.map((r) => ({ value: r, label: p.roles[r] }))],
            onChange: (v) => this.setFilter('role', v as PeopleFilters['role']),
          })}
          ${selectField({
            id: 'f-active',
            label: p.active,
            value: this.filters.active,
            options: [any, { value: 'active', label: p.activeOnly }, { value: 'inactive', label: p.inactiveOnly }],
            onChange: (v) => this.setFilter('active', v as PeopleFilters['active']),
          })}
          ${selectField({
            id: 'f-telegram',
            label: p.telegram,
            value: this.filters.telegram,
            options: [any, { value: 'linked', label: p.linked }, { value: 'unlinked', label: p.notLinked }],
            onChange: (v) => this.setFilter('telegram', v as PeopleFilters['telegram']),
          })}
        </div>
        ${on > 0 ? html`<button type="button" class="link clear" @click=${() => this.clearFilters()}>${p.clearFilters}</button>` : nothing}
      </details>
      <div class="tools">
        <button type="button" class="primary add" @click=${() => this.dispatchEvent(new CustomEvent('adm-add-person'))}>+ ${p.addOne}</button>
        ${this.viewer?.role === 'admin'
          ? html`<button type="button" class="add-many" @click=${() => this.dispatchEvent(new CustomEvent('adm-add-many'))}>${p.addMany}</button>`
          : nothing}
      </div>
      <adm-data-table
        .rows=${this.people}
        .columns=${this.columns()}
        .rowKey=${(r: PersonRecord) => r.id}
        .searchText=${(r: PersonRecord) => `${r.name} ${r.email} ${r.id}`}
        .filter=${this.predicate}
        .rowClass=${(r: PersonRecord) => (r.active ? '' : 'dim')}
        .query=${this.query}
        .sort=${this.sort}
        .caption=${s.people.count(this.people.length)}
        .emptyText=${p.empty}
        @adm-sort=${(e: CustomEvent<SortState>) => (this.sort = e.detail)}
      ></adm-data-table>
    `;
  }
}

customElements.define('adm-people-list', AdmPeopleList);

declare global {
  interface HTMLElementTagNameMap {
    'adm-people-list': AdmPeopleList;
  }
}
