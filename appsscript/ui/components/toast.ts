// <adm-toast>: a short note that something was done ("Saved."), read out by screen readers, gone after a
// few seconds or a click. Errors are not toasts: they stay where they happened until dealt with.
import { LitElement, html, css } from 'lit';
import { t } from '../i18n/locale.ts';
import { adminTheme } from './theme.ts';

const SHOWN_MS = 4000;

export class AdmToast extends LitElement {
  static override properties = { text: { state: true } };
  static override styles = [
    adminTheme,
    css`
      :host { position: fixed; left: 8px; right: 8px; bottom: 8px; z-index: 10; pointer-events: none; }
      .toast { pointer-events: auto; display: flex; gap: 0.5rem; align-items: center; background: #1f2328; color: #fff; border-radius: 6px; padding: 0.4rem 0.5rem 0.4rem 0.75rem; box-shadow: 0 2px 8px #0004; }
      .toast span { flex: 1 1 auto; }
      button { color: #fff; background: none; border: none; min-height: 24px; padding: 0 0.3rem; }
    `,
  ];

  declare text: string;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    super();
    this.text = '';
  }

  show(text: string): void {
    this.text = text;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.hide(), SHOWN_MS);
  }

  hide(): void {
    this.text = '';
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.hide();
  }

  override render() {
    // The live region is always there: a region added together with its text is often not read out.
    return html`<div role="status" aria-live="polite">
      ${this.text ? html`<div class="toast"><span>${this.text}</span><button type="button" aria-label=${t().close} title=${t().close} @click=${() => this.hide()}>✕</button></div>` : ''}
    </div>`;
  }
}

customElements.define('adm-toast', AdmToast);

/** Shows a note in the toast of a screen: the `<adm-toast>` in its shadow root. */
export function showToast(screen: { readonly renderRoot: ParentNode }, text: string): void {
  screen.renderRoot.querySelector<AdmToast>('adm-toast')?.show(text);
}

declare global {
  interface HTMLElementTagNameMap {
    'adm-toast': AdmToast;
  }
}
