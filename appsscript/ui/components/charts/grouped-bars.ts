// <adm-grouped-bars>: the series side by side in each category (groups compared on adherence and
// conformance), on an axis from 0 to `max` when given (100 for a percentage), else to a round number above
// the largest value. Each bar has its value above it when there is room.
import { svg, type PropertyDeclarations, nothing, type SVGTemplateResult } from 'lit';
import { ChartElement, fixedTicks, bandAt, bandsOf, categoryLabels, gridLines, hoverBand, niceScale, textWidth, type Bands } from './chart-kit.ts';

export class AdmGroupedBars extends ChartElement {
  static override properties: PropertyDeclarations = { max: { type: Number } };

  /** A fixed top of the axis; 0 = from the data. */
  declare max: number;

  constructor() {
    super();
    this.max = 0;
  }

  /** The axis's top and ticks: the data's (and a subclass's limit line's) largest value, rounded up. */
  protected scale(): { top: number; ticks: number[] } {
    if (this.max > 0) return { top: this.max, ticks: fixedTicks(this.max) };
    return niceScale(Math.max(0, ...this.series.flatMap((s) => s.values.map((v) => v ?? 0))));
  }

  protected geometry(): { scale: { top: number; ticks: number[] }; b: Bands } {
    const scale = this.scale();
    return { scale, b: bandsOf(this.width, this.height, this.categoryCount(), scale.top, scale.ticks.map((v) => this.axisFmt(v))) };
  }

  /** The bars of one category. */
  protected bars(i: number, b: Bands): SVGTemplateResult {
    const n = Math.max(1, this.series.length);
    const groupWidth = Math.min(b.band * 0.8, n * 56);
    const w = groupWidth / n;
    const x0 = b.mid(i) - groupWidth / 2;
    return svg`<g class="group" data-i=${i}>${this.series.map((s, k) => {
      const v = s.values[i];
      if (v === null || v === undefined) return nothing;
      const y = b.y(Math.min(v, this.scale().top));
      const label = this.fmt(v);
      return svg`<rect class="bar" data-key=${s.key} x=${x0 + k * w + 1} y=${y} width=${Math.max(1, w - 2)} height=${Math.max(0, b.bottom - y)} fill=${s.color}></rect>
        ${textWidth(label) <= w + 8 ? svg`<text class="value" x=${x0 + k * w + w / 2} y=${y - 3} text-anchor="middle">${label}</text>` : nothing}`;
    })}</g>`;
  }

  /** What is drawn over the bars (a limit line). */
  protected over(_b: Bands): SVGTemplateResult | typeof nothing {
    return nothing;
  }

  protected override plot(): SVGTemplateResult {
    const { scale, b } = this.geometry();
    return svg`${hoverBand(b, this.active)}${gridLines(b, scale.ticks, (v) => this.axisFmt(v))}${Array.from({ length: this.categoryCount() }, (_, i) => this.bars(i, b))}${this.over(b)}${categoryLabels(b, this.categories)}`;
  }

  protected override indexAt(x: number): number | null {
    return bandAt(this.geometry().b, this.categoryCount(), x);
  }

  protected override anchor(i: number): { x: number; y: number } {
    const { b } = this.geometry();
    return { x: b.mid(i), y: b.top };
  }
}

customElements.define('adm-grouped-bars', AdmGroupedBars);

declare global {
  interface HTMLElementTagNameMap {
    'adm-grouped-bars': AdmGroupedBars;
  }
}
