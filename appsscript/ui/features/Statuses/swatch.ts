// A status's colour as a small square. A blank colour means the kind's own colour, which only the server
// knows (store/validate.ts): it is drawn as an empty dashed square that says so.
import { html } from 'lit';
import { t } from '../../i18n/locale.ts';

const VALID = /^#[0-9a-fA-F]{6}$/;

export function swatch(color: string) {
  // Inline, since a list's cells are drawn inside the data table's shadow root, out of this screen's styles.
  const base = 'display:inline-block;width:14px;height:14px;border-radius:3px;vertical-align:-2px;margin-right:6px;flex:none;';
  return VALID.test(color)
    ? html`<span class="swatch" aria-hidden="true" style="${base}background:${color};border:1px solid #0003"></span>`
    : html`<span class="swatch" role="img" aria-label=${t().statuses.kindColour} title=${t().statuses.kindColour} style="${base}border:1px dashed #6e7781"></span>`;
}

export function isHexColour(color: string): boolean {
  return VALID.test(color);
}
