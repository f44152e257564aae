// The employee page's theme (colours, focus ring, controls), the one theme of the product, made compact for
// a 300 px sidebar: 14 px text and 32 px controls, since a sidebar is used with a mouse beside the grid,
// not with a thumb.
import { css } from 'lit';
import { theme } from '../../../client/src/components/theme.ts';

const compact = css`
  :host { font-size: 14px; line-height: 1.35; }
  h1 { font-size: 1.15rem; margin: 0; }
  h2 { font-size: 1rem; margin: 0 0 0.5rem; }
  h3 { font-size: 0.95rem; margin: 0.75rem 0 0.25rem; }
  button { min-height: 32px; padding: 0.25rem 0.6rem; border-radius: 6px; }
  button.link { padding: 0.25rem 0.1rem; min-height: 0; }
  button.danger { color: var(--wtt-danger); border-color: var(--wtt-danger); }
  button.primary.danger { background: var(--wtt-danger); color: var(--wtt-accent-text); }
  input, select, textarea { min-height: 32px; padding: 0.25rem 0.5rem; border-radius: 6px; }
  textarea { min-height: 6rem; resize: vertical; font-family: ui-monospace, 'Cascadia Mono', Consolas, monospace; font-size: 12px; }
  input[type='checkbox'] { width: auto; min-height: 0; margin: 0 0.4rem 0 0; vertical-align: middle; }
  label { font-weight: 600; margin-bottom: 0.15rem; }
  .small { font-size: 12px; }
  .badge {
    display: inline-block;
    padding: 0 0.35rem;
    border-radius: 4px;
    font-size: 11px;
    line-height: 1.5;
    background: var(--wtt-page);
    color: var(--wtt-muted);
    border: 1px solid var(--wtt-line);
    white-space: nowrap;
  }
  .badge.warn { background: var(--wtt-warn-bg); color: var(--wtt-warn-text); border-color: transparent; }
  .badge.ok { background: var(--wtt-ok-bg); color: var(--wtt-ok-text); border-color: transparent; }
  .row { display: flex; gap: 0.4rem; align-items: center; flex-wrap: wrap; }
  .grow { flex: 1 1 auto; min-width: 0; }
`;

export const adminTheme = [theme, compact];
