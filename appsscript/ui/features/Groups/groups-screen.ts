// <adm-groups>: the Groups sidebar: every group with its leads, break limit and rule set; a click opens it.
// Only admins change groups (groups.save): a lead sees their groups' settings without the means to change them.
import { LitElement, html, nothing } from 'lit';
import type { GroupRecord } from '../../../../common/admin-api.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { OpenRecord, RecordList } from '../../controllers/record-list.ts';
import { t } from '../../i18n/locale.ts';
import { backButton, screenStyles } from '../../components/screen.ts';
import type { Column, SortState } from '../../components/table-view.ts';
import '../../components/screen-header.ts';
import '../../components/data-table.ts';
import '../../components/toast.ts';
import './group-form.ts';

export class AdmGroups extends LitElement {
  static override styles = screenStyles;

  private readonly locale = new LocaleController(this);
  private readonly list = new RecordList(this, 'groups.list', { key: (g) => g.name });
  private readonly opened = new OpenRecord<GroupRecord>(this, this.list, {
    savedText: (g, created) => (created ? t().groups.added(g.name) : t().groups.savedGroup(g.name)),
  });
  private sort: SortState = { key: 'name', dir: 'asc' };

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
    const g = t().groups;
    const open = this.opened.record;
    const readOnly = this.list.value?.viewer.role !== 'admin';
    return html`
      <adm-screen-header page="Groups"></adm-screen-header>
      ${this.opened.listShown ? nothing : backButton(() => this.opened.close())}
      <div ?hidden=${!this.opened.listShown}>
        ${this.list.render(
          () => html`${readOnly
              ? nothing
              : html`<div class="tools"><button type="button" class="primary add" @click=${() => this.opened.open(null)}>+ ${g.addOne}</button></div>`}
            <adm-data-table
              .rows=${this.list.rows}
              .columns=${this.columns()}
              .rowKey=${(r: GroupRecord) => r.name}
              .searchText=${(r: GroupRecord) => `${r.name} ${r.lead_emails.join(' ')} ${r.rule_set}`}
              .sort=${this.sort}
              .emptyText=${g.empty}
              @adm-sort=${(e: CustomEvent<SortState>) => (this.sort = e.detail)}
            ></adm-data-table>`,
        )}
      </div>
      ${open !== undefined ? html`<adm-group-form .record=${open} .ruleSets=${this.list.value?.rule_sets ?? []} ?readonly=${readOnly}></adm-group-form>` : nothing}
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
