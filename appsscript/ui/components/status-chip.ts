// A status in its colour, as the employees' buttons show it: the Statuses tab's colour behind the status's
// name, the text black or white, whichever reads better (at least 4.5:1 on any colour). Shared by the floor
// (Floor, FloorBoard) and Violations' timeline.
//
// Styled inline: the chip is drawn inside other components' shadow roots (the data table's cells).
import { html, type TemplateResult } from 'lit';
import { statusColor, textOn } from '../../../client/src/components/status-colors.ts';
import type { Lang } from '../i18n/locale.ts';
import { statusLabel } from './status-label.ts';

export interface ChipStatus {
  code: string;
  label_ru: string;
  label_en: string;
  color: string;
}

export { statusColor, textOn };

/** The status of `code` from a list, by its code. */
export function findChipStatus<T extends ChipStatus>(statuses: readonly T[], code: string): T | undefined {
  return statuses.find((s) => s.code === code);
}

/** A status's name in the page's language; its code when the list does not know it. */
export function chipLabel(status: ChipStatus | undefined, code: string, lang: Lang): string {
  return status ? statusLabel(status, lang) : code;
}

export function statusChip(status: ChipStatus | undefined, code: string, lang: Lang, size: 'small' | 'big' = 'small'): TemplateResult {
  const background = statusColor(status?.color);
  const big = size === 'big';
  const style = [
    'display:inline-block',
    'max-width:100%',
    'overflow:hidden',
    'text-overflow:ellipsis',
    'white-space:nowrap',
    'vertical-align:middle',
    'border-radius:4px',
    // A status coloured like the page itself still has an edge.
    'box-shadow:inset 0 0 0 1px #0003',
    `padding:${big ? '0.1rem 0.4rem' : '0 0.35rem'}`,
    `font-size:${big ? '15px' : '12px'}`,
    'line-height:1.6',
    'font-weight:600',
    `background:${background}`,
    `color:${textOn(background)}`,
  ].join(';');
  return html`<span class="status-chip" data-status=${code} style=${style}>${chipLabel(status, code, lang)}</span>`;
}
