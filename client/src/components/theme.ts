// Styles every component shares: colours with at least 4.5:1 contrast on their backgrounds, a focus ring
// that is always visible for keyboard users, cards that stack on a phone and never get wider than it
// (from 320 px, whatever the language: tests/e2e/narrow-screen.test.ts). Selects and text boxes are for the
// admin console, whose compact theme (appsscript/ui/components/theme.ts) builds on this one.
import { css } from 'lit';

export const theme = css`
  :host {
    --wtt-text: #1f2328;
    --wtt-muted: #4d5560;
    --wtt-bg: #ffffff;
    --wtt-page: #f3f4f6;
    --wtt-line: #d0d7de;
    --wtt-accent: #0b57d0;
    --wtt-accent-text: #ffffff;
    --wtt-danger: #b3261e;
    --wtt-warn-bg: #fff4d6;
    --wtt-warn-text: #6b4300;
    --wtt-ok-bg: #dcf5e3;
    --wtt-ok-text: #0f5c2a;
    --wtt-focus: #0b57d0;
    color: var(--wtt-text);
    font: 16px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    box-sizing: border-box;
  }
  /* Not inherit: an element slotted into <details> inherits from the browser's own shadow tree there,
     which is content-box, and an input at width 100% then sticks out by its padding. */
  *, *::before, *::after { box-sizing: border-box; }
  :focus-visible { outline: 3px solid var(--wtt-focus); outline-offset: 2px; }
  h2 { font-size: 1.05rem; margin: 0 0 0.5rem; }
  p { margin: 0.25rem 0; }
  .card {
    background: var(--wtt-bg);
    border: 1px solid var(--wtt-line);
    border-radius: 12px;
    padding: 0.9rem 1rem;
    min-width: 0;
    overflow-wrap: break-word;
  }
  /* A 320 px phone keeps about 270 px for a card's content. */
  @media (max-width: 22.5rem) {
    .card { padding: 0.75rem; }
  }
  .muted { color: var(--wtt-muted); }
  .num { font-variant-numeric: tabular-nums; }
  .error { color: var(--wtt-danger); }
  ul, ol { margin: 0; padding: 0; list-style: none; }
  button {
    font: inherit;
    min-height: 44px;
    padding: 0.5rem 0.9rem;
    border-radius: 8px;
    border: 1px solid var(--wtt-line);
    background: var(--wtt-bg);
    color: var(--wtt-text);
    cursor: pointer;
  }
  button.primary { background: var(--wtt-accent); color: var(--wtt-accent-text); border-color: var(--wtt-accent); }
  button.link { border: none; background: none; color: var(--wtt-accent); text-decoration: underline; padding: 0.5rem 0.25rem; }
  button:disabled { opacity: 0.6; cursor: default; }
  input, select, textarea {
    font: inherit;
    width: 100%;
    min-height: 44px;
    padding: 0.5rem 0.75rem;
    border: 1px solid #6e7781;
    border-radius: 8px;
    color: var(--wtt-text);
    background: var(--wtt-bg);
  }
  input[aria-invalid='true'], select[aria-invalid='true'], textarea[aria-invalid='true'] { border-color: var(--wtt-danger); }
  label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
  .swatch {
    display: inline-block;
    width: 0.8em;
    height: 0.8em;
    border-radius: 50%;
    margin-right: 0.4em;
    vertical-align: baseline;
    border: 1px solid rgba(0, 0, 0, 0.35);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px; height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
