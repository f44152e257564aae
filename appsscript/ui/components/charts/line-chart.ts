// <adm-line-chart>: values over the categories (adherence and conformance day by day) on a fixed axis from
// 0 to `max` (100 for a percentage), so two periods' pictures compare. A line breaks where a value is
// missing; a category with no value at all is a grey band, as in the bars.
import { svg, type PropertyDeclarations, nothing, type SVGTemplateResult } from 'lit';
import { t } from '../../i18n/locale.ts';
import { ChartElement, fixedTicks, bandAt, bandsOf, categoryLabels, gridLines, hoverBand, type ChartSeries } from './chart-kit.ts';

export class AdmLineChart extends ChartElement {
  static override properties: PropertyDeclarations = { max: { type: Number } };

  /** The top of the axis; a value above it (conformance with overtime) is drawn at the top edge. */
  declare max: number;

  constructor() {
    super();
    this.max = 100;
  }

  private geometry() {
    const ticks = fixedTicks(this.max);
    const b = bandsOf(this.width, this.height, this.categoryCount(), this.max, ticks.map((v) => this.axisFmt(v)));
    return { ticks, b };
  }

  private empty(i: number): boolean {
    return this.series.every((s) => s.values[i] === null || s.values[i] === undefined);
  }

  private line(s: ChartSeries, b: ReturnType<AdmLineChart['geometry']>['b']): SVGTemplateResult {
    const y = (v: number) => b.y(Math.min(v, this.max));
    let d = '';
    let pen = false;
    const dots: SVGTemplateResult[] = [];
    const n = this.categoryCount();
    for (let i = 0; i < n; i++) {
      const v = s.values[i];
      if (v === null || v === undefined) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${b.mid(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
      const alone = (s.values[i - 1] ?? null) === null && (s.values[i + 1] ?? null) === null;
      // Every point while they are far enough apart to see; a lone one always, or it would not show at all.
      if (n <= 62 || alone) dots.push(svg`<circle data-i=${i} cx=${b.mid(i)} cy=${y(v)} r=${this.active === i ? 4 : 2.5} fill=${s.color}></circle>`);
    }
    return svg`<g class="series" data-key=${s.key}><path d=${d} fill="none" stroke=${s.color} stroke-width="2" stroke-linejoin="round" stroke-dasharray=${s.dashed ? '6 3' : nothing}></path>${dots}</g>`;
  }

  protected override plot(): SVGTemplateResult {
    const { ticks, b } = this.geometry();
    const gaps = Array.from({ length: this.categoryCount() }, (_, i) =>
      this.empty(i) ? svg`<rect class="gap" data-i=${i} x=${b.left + b.band * i} y=${b.top} width=${b.band} height=${b.bottom - b.top}></rect>` : nothing,
    );
    return svg`${gaps}${hoverBand(b, this.active)}${gridLines(b, ticks, (v) => this.axisFmt(v))}${this.series.map((s) => this.line(s, b))}${categoryLabels(b, this.categories)}`;
  }

  protected override indexAt(x: number): number | null {
    return bandAt(this.geometry().b, this.categoryCount(), x);
  }

  protected override anchor(i: number): { x: number; y: number } {
    const { b } = this.geometry();
    return { x: b.mid(i), y: b.top };
  }

  protected override legend() {
    const gaps = Array.from({ length: this.categoryCount() }, (_, i) => this.empty(i)).some(Boolean);
    return [
      ...this.series.map((s) => ({ label: s.label, color: s.color, line: true, dashed: s.dashed })),
      ...(gaps ? [{ label: t().reports.noData, color: 'var(--wtt-page)' }] : []),
    ];
  }
}

customElements.define('adm-line-chart', AdmLineChart);

declare global {
  interface HTMLElementTagNameMap {
    'adm-line-chart': AdmLineChart;
  }
}
