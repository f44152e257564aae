// <adm-notifications>: the Notifications sidebar: every notification rule said in plain words (when → to
// whom, how; quiet hours; once per), on or off; a click opens it, "Add a rule" makes a new one. Admins only.
import { LitElement, html, nothing } from 'lit';
import type { NotifyRuleView } from '../../../../common/admin-api.ts';
import { notifyRuleText } from '../../../../common/notify-rules.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { OpenRecord, RecordList } from '../../controllers/record-list.ts';
import { t } from '../../i18n/locale.ts';
import { getLang } from '../../../../ui-shared/lang.ts';
import { backButton, screenStyles } from '../../components/screen.ts';
import type { Column, SortState } from '../../components/table-view.ts';
import '../../components/screen-header.ts';
import '../../components/data-table.ts';
import '../../components/toast.ts';
import './notify-rule-form.ts';

/**
 * The event in bold and the rest plain: a 300 px column of bold sentences reads as a wall, and the event is
 * what an admin scans for. Inline styles, as the cell is drawn in the data table's shadow root; the note
 * wraps instead of being cut to one line (it is the admin's reason for the rule).
 */
function ruleCell(r: NotifyRuleView) {
  const text = notifyRuleText(r, getLang());
  const cut = text.indexOf(' → ');
  const head = cut < 0 ? text : text.slice(0, cut);
  const tail = cut < 0 ? '' : text.slice(cut);
  return html`<span class="cell-title ${r.enabled ? '' : 'cell-muted'}" style="font-weight:400"><b>${head}</b>${tail}</span>
    ${r.note ? html`<span class="cell-sub note" style="white-space:normal">${r.note}</span>` : nothing}`;
}

export class AdmNotifications extends LitElement {
  static override styles = screenStyles;

  private readonly locale = new LocaleController(this);
  private readonly list = new RecordList(this, 'notify.rules.list', { key: (r) => r.id });
  private readonly opened = new OpenRecord<NotifyRuleView>(this, this.list, {
    savedText: (r, created) => (created ? t().notifications.added(r.id) : t().notifications.saved(r.id)),
  });
  private sort: SortState = { key: 'rule', dir: 'asc' };

  private columns(): Column<NotifyRuleView>[] {
    const n = t().notifications;
    return [
      {
        key: 'rule',
        label: n.colRule,
        // The tab's order is the order rules are applied in.
        value: (r) => this.list.rows.indexOf(r),
        render: (r) => ruleCell(r),
      },
      {
        key: 'enabled',
        label: n.colOn,
        value: (r) => (r.enabled ? 1 : 0),
        render: (r) => (r.enabled ? n.on : html`<span class="cell-muted">${n.off}</span>`),
        width: '3.4rem',
      },
    ];
  }

  override render() {
    void this.locale;
    const n = t().notifications;
    const open = this.opened.record;
    return html`
      <adm-screen-header page="Notifications"></adm-screen-header>
      ${this.opened.listShown ? nothing : backButton(() => this.opened.close())}
      <div ?hidden=${!this.opened.listShown}>
        ${this.list.render(
          (reply) => html`<p class="hint">${n.intro}</p>
            <div class="tools"><button type="button" class="primary add" @click=${() => this.opened.open(null)}>+ ${n.addOne}</button></div>
            ${reply.issues.length > 0
              ? html`<ul class="form-errors" role="alert">${reply.issues.map((i) => html`<li>${n.badRow(i.row, i.column, i.message)}</li>`)}</ul>`
              : nothing}
            <adm-data-table
              .rows=${this.list.rows}
              .columns=${this.columns()}
              .rowKey=${(r: NotifyRuleView) => r.id}
              .searchText=${(r: NotifyRuleView) => `${r.id} ${notifyRuleText(r, getLang())} ${r.note}`}
              .sort=${this.sort}
              .emptyText=${n.empty}
              @adm-sort=${(e: CustomEvent<SortState>) => (this.sort = e.detail)}
            ></adm-data-table>`,
        )}
      </div>
      ${open !== undefined ? html`<adm-notify-rule-form .record=${open}></adm-notify-rule-form>` : nothing}
      <adm-toast></adm-toast>
    `;
  }
}

customElements.define('adm-notifications', AdmNotifications);

declare global {
  interface HTMLElementTagNameMap {
    'adm-notifications': AdmNotifications;
  }
}
