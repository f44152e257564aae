// <adm-groups>: the Groups sidebar: every group with its leads, break limit and rule set; a click opens it.
// Only admins change groups (groups.save): a lead sees their groups' settings without the means to change them.
import { LitElement, html, css, nothing } from 'lit';
import type { AdminReply, GroupRecord } from '../../../../common/admin-api.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { RpcState } from '../../controllers/rpc-state.ts';
import { t } from '../../i18n/locale.ts';
import { adminTheme } from '../../components/theme.ts';
import { errorState, loadingState, stateStyles } from '../../components/states.ts';
import type { Column, SortState } from '../../components/table-view.ts';
import type { AdmToast } from '../../components/toast.ts';
import '../../components/screen-header.ts';
import '../../components/data-table.ts';
import '../../components/toast.ts';
import './group-form.ts';

type View = { kind: 'list' } | { kind: 'group'; record: GroupRecord | null };

export class AdmGroups extends LitElement {
  static override properties = { view: { state: true }, groups: { state: true } };
  static override styles = [
    adminTheme,
    stateStyles,
    css`
      :host { display: block; padding: 0.6rem 0.6rem 3.5rem; }
      .tools { margin-bottom: 0.4rem; }
      .tools button { width: 100%; }
      .back { margin-bottom: 0.4rem; }
      [hidden] { display: none !important; }
    `,
  ];

  declare view: View;
  declare groups: GroupRecord[];

  private readonly locale = new LocaleController(this);
  private readonly list = new RpcState(this, 'groups.list');
  private sort: SortState = { key: 'name', dir: 'asc' };

  constructor() {
    super();
    this.view = { kind: 'list' };
    this.groups = [];
    this.addEventListener('adm-row-open', (e) => (this.view = { kind: 'group', record: (e as CustomEvent<GroupRecord>).detail }));
    this.addEventListener('adm-close', () => (this.view = { kind: 'list' }));
    this.addEventListener('adm-saved', (e) => this.saved((e as CustomEvent<AdminReply<'groups.save'>>).detail));
    this.addEventListener('adm-reload-record', (e) => this.replace((e as CustomEvent<GroupRecord>).detail, true));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    const reply = await this.list.run({});
    if (reply) this.groups = reply.rows;
  }

  private replace(record: GroupRecord, stay: boolean): void {
    const i = this.groups.findIndex((g) => g.name === record.name);
    this.groups = i < 0 ? [...this.groups, record] : this.groups.map((g, j) => (j === i ? record : g));
    this.view = stay ? { kind: 'group', record } : { kind: 'list' };
  }

  private saved(reply: AdminReply<'groups.save'>): void {
    this.replace(reply.record, false);
    const g = t().groups;
    this.renderRoot.querySelector<AdmToast>('adm-toast')?.show(reply.created ? g.added(reply.record.name) : g.savedGroup(reply.record.name));
  }

  private columns(): Column<GroupRecord>[] {
    const g = t().groups;
    return [
      {
        key: 'name',
        label: g.colName,
        value: (r) => r.name,
        render: (r) => html`<span class="cell-title">${r.name}</span>
          <span class="cell-sub">${r.lead_emails.length > 0 ? r.lead_emails.join(', ') : g.noLeads}</span>
          <span class="cell-sub">${g.ruleSetLine(r.rule_set || g.noRuleSet)}</span>`,
      },
      {
        key: 'max',
        label: g.colMax,
        value: (r) => r.max_concurrent_breaks,
        render: (r) => (r.max_concurrent_breaks === null ? html`<span class="cell-muted">${g.noLimit}</span>` : String(r.max_concurrent_breaks)),
        numeric: true,
        width: '6rem',
      },
    ];
  }

  override render() {
    void this.locale;
    const s = t();
    const g = s.groups;
    const listShown = this.view.kind === 'list';
    const readOnly = this.list.value?.viewer.role !== 'admin';
    return html`
      <adm-screen-header page="Groups"></adm-screen-header>
      ${listShown ? nothing : html`<button type="button" class="link back" @click=${() => (this.view = { kind: 'list' })}>← ${s.back}</button>`}
      <div ?hidden=${!listShown}>
        ${this.list.status === 'error' ? errorState(this.list.error, () => void this.load()) : nothing}
        ${this.list.value === undefined
          ? this.list.status === 'error'
            ? nothing
            : loadingState()
          : html`${readOnly
                  ? nothing
                  : html`<div class="tools"><button type="button" class="primary add" @click=${() => (this.view = { kind: 'group', record: null })}>+ ${g.addOne}</button></div>`}
                <adm-data-table
                  .rows=${this.groups}
                  .columns=${this.columns()}
                  .rowKey=${(r: GroupRecord) => r.name}
                  .searchText=${(r: GroupRecord) => `${r.name} ${r.lead_emails.join(' ')} ${r.rule_set}`}
                  .sort=${this.sort}
                  .emptyText=${g.empty}
                  @adm-sort=${(e: CustomEvent<SortState>) => (this.sort = e.detail)}
                ></adm-data-table>`}
      </div>
      ${this.view.kind === 'group' ? html`<adm-group-form .record=${this.view.record} .ruleSets=${this.list.value?.rule_sets ?? []} ?readonly=${readOnly}></adm-group-form>` : nothing}
      <adm-toast></adm-toast>
    `;
  }
}

customElements.define('adm-groups', AdmGroups);

declare global {
  interface HTMLElementTagNameMap {
    'adm-groups': AdmGroups;
  }
}
