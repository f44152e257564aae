// <adm-floor-board>: the FloorBoard dialog (1200×800): the live floor for a big screen on the wall, the same
// board as the Floor sidebar drawn as large tiles, readable from across a room. It only shows: corrections
// are made from the sidebar.
import { LitElement, html, css } from 'lit';
import { adminTheme } from '../../components/theme.ts';
import '../../components/screen-header.ts';
import '../../components/floor-view.ts';

export class AdmFloorBoard extends LitElement {
  static override styles = [
    adminTheme,
    css`
      :host { display: block; padding: 0.6rem 0.9rem 1rem; }
    `,
  ];

  override render() {
    return html`<adm-screen-header page="FloorBoard"></adm-screen-header><adm-floor-view layout="board"></adm-floor-view>`;
  }
}

customElements.define('adm-floor-board', AdmFloorBoard);

declare global {
  interface HTMLElementTagNameMap {
    'adm-floor-board': AdmFloorBoard;
  }
}
