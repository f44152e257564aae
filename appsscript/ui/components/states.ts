// The three states a screen's data can be in besides shown: loading, empty and failed. One look for all
// screens; a failure says what went wrong in the page's language and offers to try again.
import { html, css, nothing, type TemplateResult } from 'lit';
import { getLang, t } from '../i18n/locale.ts';
import { errorText } from '../i18n/error-text.ts';
import { AdminError } from '../rpc-error.ts';

export function loadingState(text?: string): TemplateResult {
  return html`<p class="state loading" role="status" aria-busy="true"><span class="spinner" aria-hidden="true"></span>${text ?? t().loading}</p>`;
}

export function emptyState(text: string, action?: TemplateResult): TemplateResult {
  return html`<div class="state empty" role="status"><p>${text}</p>${action ?? nothing}</div>`;
}

export function errorState(error: unknown, retry?: () => void): TemplateResult {
  // A refusal is not cured by trying again: no button that would only refuse once more.
  const final = error instanceof AdminError && error.code === 'forbidden';
  return html`<div class="state failed" role="alert">
    <p>${errorText(error, getLang())}</p>
    ${retry && !final ? html`<button type="button" class="retry" @click=${retry}>${t().retry}</button>` : nothing}
  </div>`;
}

export const stateStyles = css`
  .state { margin: 0.75rem 0; color: var(--wtt-muted); }
  .state.failed { color: var(--wtt-danger); border: 1px solid var(--wtt-danger); border-radius: 6px; padding: 0.5rem 0.6rem; }
  .state.failed p { margin: 0 0 0.4rem; }
  .state.empty { border: 1px dashed var(--wtt-line); border-radius: 6px; padding: 0.75rem; text-align: center; }
  .spinner {
    display: inline-block; width: 0.9em; height: 0.9em; margin-right: 0.4em; vertical-align: -0.1em;
    border: 2px solid var(--wtt-line); border-top-color: var(--wtt-accent); border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin { to { transform: rotate(360deg); } }
  @media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
`;
