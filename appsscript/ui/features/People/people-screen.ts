// <adm-people>: the People sidebar. The list stays in place (search, filters, sort and page kept) while a
// person's form or "add many" is open over it; a save updates the list without reading it again.
import { LitElement, html, nothing } from 'lit';
import type { PersonRecord } from '../../../../common/admin-api.ts';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { OpenRecord, RecordList } from '../../controllers/record-list.ts';
import { t } from '../../i18n/locale.ts';
import { backButton, screenStyles } from '../../components/screen.ts';
import { showToast } from '../../components/toast.ts';
import '../../components/screen-header.ts';
import './people-list.ts';
import './person-form.ts';
import './people-import.ts';

export class AdmPeople extends LitElement {
  static override properties = { importing: { state: true } };
  static override styles = screenStyles;

  /** "Add many" is open over the list. */
  declare importing: boolean;

  private readonly locale = new LocaleController(this);
  private readonly list = new RecordList(this, 'people.list', { key: (p) => p.id });
  private readonly opened = new OpenRecord<PersonRecord>(this, this.list, {
    savedText: (p, created) => (created ? t().people.added(p.name) : t().people.savedPerson(p.name)),
    closed: () => (this.importing = false),
  });

  constructor() {
    super();
    this.importing = false;
    this.addEventListener('adm-imported', (e) => this.imported((e as CustomEvent<{ added: number; invalid: number }>).detail));
  }

  private async imported({ added, invalid }: { added: number; invalid: number }): Promise<void> {
    showToast(this, t().people.importDone(added));
    // With rows left out the admin stays on the preview to see which; otherwise back to the list.
    if (invalid === 0) this.opened.close();
    await this.list.load();
  }

  override render() {
    void this.locale;
    const groups = this.list.value?.groups ?? [];
    const viewer = this.list.value?.viewer ?? null;
    const open = this.opened.record;
    const listShown = this.opened.listShown && !this.importing;
    return html`
      <adm-screen-header page="People"></adm-screen-header>
      ${listShown ? nothing : backButton(() => this.opened.close())}
      <div ?hidden=${!listShown}>
        ${this.list.render(
          () => html`<adm-people-list
            .people=${this.list.rows}
            .groups=${groups}
            .viewer=${viewer}
            @adm-add-person=${() => this.opened.open(null)}
            @adm-add-many=${() => (this.importing = true)}
          ></adm-people-list>`,
        )}
      </div>
      ${open !== undefined ? html`<adm-person-form .record=${open} .groups=${groups} .viewer=${viewer}></adm-person-form>` : nothing}
      ${this.importing ? html`<adm-people-import></adm-people-import>` : nothing}
      <adm-toast></adm-toast>
    `;
  }
}

customElements.define('adm-people', AdmPeople);

declare global {
  interface HTMLElementTagNameMap {
    'adm-people': AdmPeople;
  }
}
