// <adm-hbar-chart>: one bar per row, the row's name on its left and its value at its end (violations by
// type). Rows are as given: the page orders them (the most first). Its height follows its rows.
import { svg, type PropertyValues, type SVGTemplateResult } from 'lit';
import { ChartElement, niceScale, textWidth } from './chart-kit.ts';

const ROW = 22;
const TOP = 4;
const AXIS = 18;

export class AdmHbarChart extends ChartElement {
  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.height = TOP + Math.max(1, this.categoryCount()) * ROW + AXIS;
  }

  private geometry() {
    const values = this.series[0]?.values ?? [];
    const max = Math.max(0, ...values.map((v) => v ?? 0));
    const scale = niceScale(max, 4);
    const labelWidth = Math.min(Math.floor(this.width * 0.52), Math.max(0, ...this.categories.map(textWidth)) + 10);
    const valueWidth = Math.max(0, ...values.map((v) => textWidth(this.fmt(v ?? 0)))) + 8;
    const left = labelWidth;
    const right = Math.max(left + 20, this.width - valueWidth);
    const x = (v: number) => left + (Math.max(0, v) / scale.top) * (right - left);
    return { values, scale, left, right, x };
  }

  protected override plot(): SVGTemplateResult {
    const { values, scale, left, x } = this.geometry();
    const bottom = TOP + this.categoryCount() * ROW;
    const color = this.series[0]?.color ?? '#5f6368';
    return svg`
      ${scale.ticks.map((v) => svg`<line class=${v === 0 ? 'axis' : 'grid'} x1=${x(v)} x2=${x(v)} y1=${TOP} y2=${bottom}></line>
        <text x=${x(v)} y=${bottom + 13} text-anchor="middle">${this.axisFmt(v)}</text>`)}
      ${this.categories.map((name, i) => {
        const v = values[i] ?? 0;
        const y = TOP + i * ROW;
        return svg`<g class="row" data-i=${i}>
          ${this.active === i ? svg`<rect class="hover" x="0" y=${y} width=${this.width} height=${ROW}></rect>` : ''}
          <text x=${left - 8} y=${y + ROW / 2 + 4} text-anchor="end">${fit(name, left - 10)}</text>
          <rect class="bar" x=${left} y=${y + 4} width=${Math.max(0, x(v) - left)} height=${ROW - 8} fill=${color}></rect>
          <text class="value" x=${x(v) + 5} y=${y + ROW / 2 + 4}>${this.fmt(v)}</text>
        </g>`;
      })}`;
  }

  protected override indexAt(_x: number, y: number): number | null {
    const i = Math.floor((y - TOP) / ROW);
    return i >= 0 && i < this.categoryCount() ? i : null;
  }

  protected override anchor(i: number): { x: number; y: number } {
    const { values, x } = this.geometry();
    return { x: Math.min(this.width * 0.6, x(values[i] ?? 0)), y: TOP + (i + 1) * ROW };
  }
}

/** A name cut with "…" to about `width` pixels (the full name is in the tooltip and the table). */
function fit(name: string, width: number): string {
  const chars = Math.floor(width / 6.4);
  return name.length <= chars ? name : `${name.slice(0, Math.max(1, chars - 1))}…`;
}

customElements.define('adm-hbar-chart', AdmHbarChart);

declare global {
  interface HTMLElementTagNameMap {
    'adm-hbar-chart': AdmHbarChart;
  }
}
