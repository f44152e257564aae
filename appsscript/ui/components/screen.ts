// What every screen of the console has around its content: its host in the sidebar, with room at the
// bottom for the toast; on a list screen, the list's tools, and the way back from a record's form to the
// list, which stays in place (hidden) with its search, filters, sort and page.
import { html, css, type TemplateResult } from 'lit';
import { t } from '../i18n/locale.ts';
import { stateStyles } from './states.ts';
import { adminTheme } from './theme.ts';

/** A screen's styles: the console's theme, the states of its data (states.ts), its host and list. */
export const screenStyles = [
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

export function backButton(back: () => void): TemplateResult {
  return html`<button type="button" class="link back" @click=${back}>← ${t().back}</button>`;
}
