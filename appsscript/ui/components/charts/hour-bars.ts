// <adm-hour-bars>: one group's breaks by hour of day: the most on break or lunch at once in each hour
// (peak, the pale bar) and the average day's most (the solid bar inside it), against the group's limit on
// breaks at once (a dashed line). Series: [peak, average].
import { svg, type PropertyDeclarations, nothing, type SVGTemplateResult } from 'lit';
import { t } from '../../i18n/locale.ts';
import { niceScale, type Bands } from './chart-kit.ts';
import { AdmGroupedBars } from './grouped-bars.ts';

export class AdmHourBars extends AdmGroupedBars {
  static override properties: PropertyDeclarations = { limit: { attribute: false } };

  /** The group's most on break at once; null: no limit. */
  declare limit: number | null;

  constructor() {
    super();
    this.limit = null;
    this.height = 170;
  }

  protected override scale(): { top: number; ticks: number[] } {
    const values = this.series.flatMap((s) => s.values.map((v) => v ?? 0));
    // Whole people: the steps are never fractions.
    const scale = niceScale(Math.max(2, this.limit ?? 0, ...values), 4);
    return scale.ticks.every(Number.isInteger) ? scale : niceScale(Math.max(4, Math.ceil(scale.top)), 2);
  }

  protected override bars(i: number, b: Bands): SVGTemplateResult {
    const [peak, average] = this.series;
    const w = Math.max(2, Math.min(28, b.band * 0.72));
    const bar = (v: number | null | undefined, width: number, fill: string, opacity: number, cls: string) =>
      v ? svg`<rect class="bar ${cls}" x=${b.mid(i) - width / 2} y=${b.y(v)} width=${width} height=${Math.max(0, b.bottom - b.y(v))} fill=${fill} fill-opacity=${opacity}></rect>` : nothing;
    return svg`<g class="hour" data-i=${i}>${bar(peak?.values[i], w, peak?.color ?? '#fbbc04', 0.4, 'peak')}${bar(average?.values[i], w * 0.5, average?.color ?? '#fbbc04', 1, 'average')}</g>`;
  }

  protected override over(b: Bands): SVGTemplateResult | typeof nothing {
    if (this.limit === null) return nothing;
    const y = b.y(this.limit);
    const text = t().reports.limitLine(this.limit);
    return svg`<line class="limit" x1=${b.left} x2=${b.right} y1=${y} y2=${y}></line>
      <text class="limit-text" x=${b.right} y=${y - 4} text-anchor="end">${text}</text>`;
  }

  protected override legend() {
    return [
      // The peak's swatch as pale as its bar.
      ...this.series.map((s, k) => ({ label: s.label, color: k === 0 && /^#[0-9a-f]{6}$/i.test(s.color) ? `${s.color}66` : s.color })),
      ...(this.limit === null ? [] : [{ label: t().reports.limit, color: 'var(--wtt-danger)', line: true, dashed: true }]),
    ];
  }

  protected override tipLines(i: number) {
    return [
      ...super.tipLines(i),
      ...(this.limit === null ? [] : [{ label: t().reports.limit, value: this.fmt(this.limit) }]),
    ];
  }
}

customElements.define('adm-hour-bars', AdmHourBars);

declare global {
  interface HTMLElementTagNameMap {
    'adm-hour-bars': AdmHourBars;
  }
}
