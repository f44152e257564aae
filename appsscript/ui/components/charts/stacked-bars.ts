// <adm-stacked-bars>: a bar per category (a day) made of its series stacked (minutes by status kind), with
// the total in the tooltip and the table. A category with no value at all is drawn as a grey band: a date
// without data, not a day of zero.
import { svg, nothing, type SVGTemplateResult } from 'lit';
import { t } from '../../i18n/locale.ts';
import { ChartElement, bandAt, bandsOf, categoryLabels, gridLines, hoverBand, niceScale } from './chart-kit.ts';

export class AdmStackedBars extends ChartElement {
  private total(i: number): number | null {
    const vs = this.series.map((s) => s.values[i]).filter((v): v is number => v !== null && v !== undefined);
    return vs.length === 0 ? null : vs.reduce((a, b) => a + b, 0);
  }

  private geometry() {
    const totals = Array.from({ length: this.categoryCount() }, (_, i) => this.total(i) ?? 0);
    const scale = niceScale(Math.max(0, ...totals));
    const b = bandsOf(this.width, this.height, this.categoryCount(), scale.top, scale.ticks.map((v) => this.axisFmt(v)));
    return { scale, b };
  }

  protected override plot(): SVGTemplateResult {
    const { scale, b } = this.geometry();
    const barWidth = Math.max(1, Math.min(48, b.band * 0.72));
    const bars = Array.from({ length: this.categoryCount() }, (_, i) => {
      if (this.total(i) === null) return svg`<rect class="gap" data-i=${i} x=${b.left + b.band * i} y=${b.top} width=${b.band} height=${b.bottom - b.top}></rect>`;
      let base = 0;
      return svg`<g class="stack" data-i=${i}>${this.series.map((s) => {
        const v = s.values[i] ?? 0;
        if (v <= 0) return nothing;
        const y0 = b.y(base);
        base += v;
        const y1 = b.y(base);
        return svg`<rect class="bar" data-key=${s.key} x=${b.mid(i) - barWidth / 2} y=${y1} width=${barWidth} height=${Math.max(0, y0 - y1)} fill=${s.color}></rect>`;
      })}</g>`;
    });
    return svg`${hoverBand(b, this.active)}${gridLines(b, scale.ticks, (v) => this.axisFmt(v))}${bars}${categoryLabels(b, this.categories)}`;
  }

  protected override indexAt(x: number): number | null {
    return bandAt(this.geometry().b, this.categoryCount(), x);
  }

  protected override anchor(i: number): { x: number; y: number } {
    const { b } = this.geometry();
    return { x: b.mid(i), y: b.top };
  }

  protected override legend() {
    const gaps = Array.from({ length: this.categoryCount() }, (_, i) => this.total(i)).some((v) => v === null);
    return [...super.legend(), ...(gaps ? [{ label: t().reports.noData, color: 'var(--wtt-page)' }] : [])];
  }

  protected override tableHead(): string[] {
    return [...super.tableHead(), t().reports.total];
  }

  protected override tableRow(i: number): string[] {
    const total = this.total(i);
    if (total === null) return [...this.series.map(() => ''), t().reports.noData];
    return [...this.series.map((s) => this.fmt(s.values[i] ?? 0)), this.fmt(total)];
  }

  protected override tipLines(i: number) {
    const total = this.total(i);
    if (total === null) return [{ label: t().reports.noData, value: '' }];
    return [...this.series.map((s) => ({ label: s.label, value: this.fmt(s.values[i] ?? 0), color: s.color })), { label: t().reports.total, value: this.fmt(total) }];
  }

  protected override categoryValue(i: number): number | null {
    return this.total(i);
  }
}

customElements.define('adm-stacked-bars', AdmStackedBars);

declare global {
  interface HTMLElementTagNameMap {
    'adm-stacked-bars': AdmStackedBars;
  }
}
