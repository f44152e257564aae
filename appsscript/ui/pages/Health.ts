// The health sidebar: proves the round trip sidebar -> google.script.run -> bundle -> sidebar.
import { LitElement, html, css } from 'lit';
import { rpc } from '../rpc.ts';
import { t } from '../i18n.ts';
import type { HealthDetails } from '../../../common/rpc.ts';

class HealthPanel extends LitElement {
  static override properties = { info: { state: true }, error: { state: true } };
  static override styles = css`
    :host { display: block; font: 14px/1.4 system-ui, sans-serif; padding: 12px; }
    dt { font-weight: 600; margin-top: 8px; }
    .error { color: #b00020; }
  `;
  info?: HealthDetails;
  error?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    rpc('sidebarHealth').then(
      (info) => (this.info = info),
      (e: Error) => (this.error = e.message),
    );
  }

  override render() {
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    if (!this.info) return html`<p aria-busy="true">${t({ ru: 'Загрузка…', en: 'Loading…' })}</p>`;
    return html`<h2>${t({ ru: 'Состояние', en: 'Health' })}</h2>
      <dl>
        <dt>${t({ ru: 'Версия', en: 'Version' })}</dt><dd>${this.info.version}</dd>
        <dt>${t({ ru: 'Время сервера', en: 'Server time' })}</dt>
        <dd>${new Date(this.info.server_time).toLocaleString(undefined, { timeZone: this.info.time_zone })}</dd>
        <dt>${t({ ru: 'Часовой пояс', en: 'Time zone' })}</dt><dd>${this.info.time_zone}</dd>
      </dl>
      <h3>${t({ ru: 'Строки с ошибками', en: 'Rows with problems' })}</h3>
      ${this.info.issues.length === 0
        ? html`<p>${t({ ru: 'Ошибок нет.', en: 'None.' })}</p>`
        : html`<ul>${this.info.issues.map((i) => html`<li><strong>${i.tab}</strong>, ${t({ ru: 'строка', en: 'row' })} ${i.row}, ${i.column}: ${i.message}</li>`)}</ul>`}`;
  }
}
customElements.define('wtt-health', HealthPanel);
document.body.append(document.createElement('wtt-health'));
