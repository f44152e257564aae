// What the console's charts share (Lit + SVG, drawn here rather than by a charting library: a few KB, and
// categorical and stacked bars are what they mostly draw). A chart is one tab stop: the arrow keys (or the
// pointer) move between its points and a tooltip says the point's numbers; the same numbers are in a table
// that is visually hidden (a screen reader reads it) or shown instead of the picture ("Show as table").
// Nothing animates, so a screenshot is the same every time; nothing is fetched (a dialog has no network).
import { LitElement, html, css, svg, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult, type SVGTemplateResult } from 'lit';
import { LocaleController } from '../../controllers/locale-controller.ts';
import { t, type Lang } from '../../i18n/locale.ts';
import { adminTheme } from '../theme.ts';

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
  /** One per category; null where there is nothing (a date without data). */
  values: readonly (number | null)[];
  /** Drawn dashed (a line), so two series differ by more than their colour. */
  dashed?: boolean;
}

export type Format = (value: number) => string;

const formats = new Map<string, Intl.NumberFormat>();

/** A number as the page's language writes it ("1 234,5" / "1,234.5"). */
export function numberText(value: number, lang: Lang, digits = 1): string {
  const key = `${lang}|${digits}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: digits });
    formats.set(key, f);
  }
  return f.format(value);
}

/** An axis from 0 to a round number at or above `max`, in about `count` steps of 1, 2, 2.5 or 5 × 10^k. */
export function niceScale(max: number, count = 4): { top: number; ticks: number[] } {
  if (!(max > 0)) return { top: 1, ticks: [0, 1] };
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const top = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return { top, ticks };
}

/** The ticks of an axis with a fixed top: every 25 when the top is a multiple of it (0–100 %, 0–125 %), else quarters. */
export function fixedTicks(top: number): number[] {
  const step = top % 25 === 0 && top / 25 <= 6 ? 25 : top / 4;
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Math.round(v * 100) / 100);
  return ticks;
}

/** About how wide a label is at 11 px (no measuring: the same in a test and in a browser). */
export function textWidth(text: string): number {
  return Math.ceil(text.length * 6.4);
}

export const chartStyles = css`
  :host { display: block; position: relative; min-width: 0; }
  .head { display: flex; align-items: baseline; gap: 0.5rem; margin: 0 0 0.2rem; }
  .head h3 { flex: 1 1 auto; margin: 0; font-size: 13px; }
  .head button { min-height: 24px; padding: 0 0.4rem; font-size: 11px; }
  .legend { display: flex; flex-wrap: wrap; gap: 0.1rem 0.7rem; margin: 0 0 0.25rem; font-size: 11px; color: var(--wtt-muted); }
  .legend span { display: inline-flex; align-items: center; gap: 0.25rem; white-space: nowrap; }
  .legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; box-shadow: inset 0 0 0 1px #0003; }
  .legend i.line { height: 0; border-top: 2px solid; border-radius: 0; box-shadow: none; width: 14px; }
  .legend i.line.dashed { border-top-style: dashed; }
  .plot { position: relative; }
  svg { display: block; overflow: visible; font: 11px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
  svg:focus { outline: none; }
  svg:focus-visible { outline: 3px solid var(--wtt-focus); outline-offset: 2px; border-radius: 2px; }
  svg text { fill: var(--wtt-muted); }
  svg text.value { fill: var(--wtt-text); }
  svg .grid { stroke: var(--wtt-line); stroke-width: 1; }
  svg .axis { stroke: #8c959f; stroke-width: 1; }
  svg .gap { fill: var(--wtt-page); }
  svg .hover { fill: #0b57d014; }
  svg .bar { stroke: #0003; stroke-width: 0.5; }
  svg .limit { stroke: var(--wtt-danger); stroke-width: 1.5; stroke-dasharray: 5 3; }
  svg text.limit-text { fill: var(--wtt-danger); font-weight: 600; }
  .tip {
    position: absolute; top: 0; z-index: 2; pointer-events: none; min-width: 8rem; max-width: 16rem;
    background: var(--wtt-bg); color: var(--wtt-text); border: 1px solid var(--wtt-line); border-radius: 6px;
    box-shadow: 0 2px 8px #0002; padding: 0.3rem 0.45rem; font-size: 12px; line-height: 1.35;
  }
  .tip b { display: block; margin-bottom: 0.1rem; }
  .tip div { display: flex; align-items: center; gap: 0.3rem; white-space: nowrap; }
  .tip div span:last-child { margin-left: auto; padding-left: 0.6rem; font-variant-numeric: tabular-nums; }
  .tip i { display: inline-block; width: 9px; height: 9px; border-radius: 2px; flex: none; }
  table { border-collapse: collapse; font-size: 12px; width: 100%; }
  table caption { text-align: left; font-weight: 600; }
  th, td { text-align: left; padding: 0.15rem 0.3rem; border-bottom: 1px solid var(--wtt-line); white-space: nowrap; }
  td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
  .table-wrap { max-height: 18rem; overflow: auto; }
`;

/**
 * A chart's frame: the heading with "Show as table", the legend, the picture or the table, the tooltip;
 * the size follows the host's width. A chart says what its categories are (`categoryCount`), where a
 * pointer is (`indexAt`), what the table holds (`tableHead`, `tableRows`) and what the tooltip says.
 */
export abstract class ChartElement extends LitElement {
  static override properties: PropertyDeclarations = {
    label: { type: String },
    categories: { attribute: false },
    names: { attribute: false },
    series: { attribute: false },
    format: { attribute: false },
    axisFormat: { attribute: false },
    categoryHeader: { type: String },
    summary: { type: String },
    height: { type: Number },
    width: { state: true },
    active: { state: true },
    tabular: { state: true },
  };

  static override styles = [adminTheme, chartStyles];

  /** The chart's name: its heading, the table's caption and the start of the picture's label. */
  declare label: string;
  /** Short names under the axis ("12", "Mon 12"). */
  declare categories: readonly string[];
  /** Full names for the tooltip and the table ("Mon, 12 May"); the short ones when absent. */
  declare names: readonly string[] | undefined;
  declare series: readonly ChartSeries[];
  /** A value as the tooltip and the table say it. */
  declare format: Format | undefined;
  /** A value as the axis says it (shorter). */
  declare axisFormat: Format | undefined;
  /** The heading of the table's first column ("Date", "Hour"). */
  declare categoryHeader: string;
  /** What the picture shows, in a sentence; a default is made from the numbers. */
  declare summary: string;
  declare height: number;
  declare width: number;
  /** The category the pointer or the arrow keys are on. */
  declare active: number | null;
  declare tabular: boolean;

  protected readonly locale = new LocaleController(this);
  private resize: ResizeObserver | null = null;
  /** The tooltip is read out only when the keys moved it (a pointer passing over would chatter). */
  private byKey = false;

  constructor() {
    super();
    this.label = '';
    this.categories = [];
    this.names = undefined;
    this.series = [];
    this.format = undefined;
    this.axisFormat = undefined;
    this.categoryHeader = '';
    this.summary = '';
    this.height = 220;
    this.width = 560;
    this.active = null;
    this.tabular = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof ResizeObserver === 'function') {
      this.resize = new ResizeObserver((entries) => {
        const w = Math.floor(entries[0]?.contentRect.width ?? 0);
        if (w > 0 && w !== this.width) this.width = w;
      });
      this.resize.observe(this);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize?.disconnect();
    this.resize = null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if ((changed.has('categories') || changed.has('series')) && this.active !== null && this.active >= this.categoryCount()) this.active = null;
  }

  protected get pageLang(): Lang {
    return this.locale.lang;
  }

  protected fmt(value: number): string {
    return this.format ? this.format(value) : numberText(value, this.pageLang);
  }

  protected axisFmt(value: number): string {
    return this.axisFormat ? this.axisFormat(value) : numberText(value, this.pageLang);
  }

  protected nameOf(i: number): string {
    return this.names?.[i] ?? this.categories[i] ?? '';
  }

  protected categoryCount(): number {
    return this.categories.length;
  }

  /** The picture, `width` wide. */
  protected abstract plot(): SVGTemplateResult;
  /** The category under a point of the picture (pixels from its top left), or null. */
  protected abstract indexAt(x: number, y: number): number | null;
  /** Where the tooltip of a category goes: x of the point, and the y of its top. */
  protected abstract anchor(i: number): { x: number; y: number };
  /** The legend's entries. */
  protected legend(): { label: string; color: string; line?: boolean; dashed?: boolean }[] {
    return this.series.map((s) => ({ label: s.label, color: s.color }));
  }
  /** The table: column headings after the category's, then a row of cells per category. */
  protected tableHead(): string[] {
    return this.series.map((s) => s.label);
  }
  protected tableRow(i: number): string[] {
    return this.series.map((s) => this.cell(s.values[i]));
  }
  /** The tooltip's lines for a category. */
  protected tipLines(i: number): { label: string; value: string; color?: string }[] {
    return this.series.map((s) => ({ label: s.label, value: this.cell(s.values[i]), color: s.color }));
  }
  /** The biggest value of a category, for the default summary. */
  protected categoryValue(i: number): number | null {
    const vs = this.series.map((s) => s.values[i]).filter((v): v is number => v !== null && v !== undefined);
    return vs.length === 0 ? null : Math.max(...vs);
  }

  protected cell(value: number | null | undefined): string {
    return value === null || value === undefined ? t().reports.noData : this.fmt(value);
  }

  private defaultSummary(): string {
    const r = t().reports;
    let best: number | null = null;
    for (let i = 0; i < this.categoryCount(); i++) {
      const v = this.categoryValue(i);
      if (v !== null && (best === null || v > (this.categoryValue(best) ?? -Infinity))) best = i;
    }
    if (best === null) return `${this.label}. ${r.noData}.`;
    return r.chartSummary(this.label, this.categoryCount(), this.nameOf(best), this.fmt(this.categoryValue(best) ?? 0));
  }

  private move(e: KeyboardEvent): void {
    const n = this.categoryCount();
    if (n === 0) return;
    const at = this.active;
    const next: Record<string, number | null> = {
      ArrowRight: at === null ? 0 : Math.min(n - 1, at + 1),
      ArrowDown: at === null ? 0 : Math.min(n - 1, at + 1),
      ArrowLeft: at === null ? n - 1 : Math.max(0, at - 1),
      ArrowUp: at === null ? n - 1 : Math.max(0, at - 1),
      Home: 0,
      End: n - 1,
      Escape: null,
    };
    if (!(e.key in next)) return;
    e.preventDefault();
    this.byKey = true;
    this.active = next[e.key];
  }

  /** Tabbed to: the first point's tooltip at once, so the keys' effect is seen (a click leaves it to the pointer). */
  private focused(e: FocusEvent): void {
    let byKeyboard = false;
    try {
      byKeyboard = (e.currentTarget as Element).matches(':focus-visible');
    } catch {
      // a browser without :focus-visible: the arrow keys still show the tooltip
    }
    if (!byKeyboard || this.active !== null || this.categoryCount() === 0) return;
    this.byKey = true;
    this.active = 0;
  }

  private point(e: PointerEvent): void {
    const box = (e.currentTarget as SVGSVGElement).getBoundingClientRect();
    this.byKey = false;
    this.active = this.indexAt(e.clientX - box.left, e.clientY - box.top);
  }

  override render(): TemplateResult {
    const r = t().reports;
    const summary = this.summary || this.defaultSummary();
    return html`
      <div class="head">
        <h3>${this.label}</h3>
        <button type="button" class="as-table" aria-pressed=${this.tabular ? 'true' : 'false'} @click=${() => (this.tabular = !this.tabular)}>
          ${this.tabular ? r.showChart : r.showTable}
        </button>
      </div>
      ${this.tabular
        ? nothing
        : html`<div class="legend" aria-hidden="true">
              ${this.legend().map((l) => html`<span><i class=${l.line ? (l.dashed ? 'line dashed' : 'line') : ''} style=${l.line ? `border-color:${l.color}` : `background:${l.color}`}></i>${l.label}</span>`)}
            </div>
            <div class="plot">
              <svg
                role="img"
                tabindex="0"
                aria-label=${`${summary} ${r.chartKeys}`}
                width=${this.width}
                height=${this.height}
                viewBox="0 0 ${this.width} ${this.height}"
                @keydown=${(e: KeyboardEvent) => this.move(e)}
                @pointermove=${(e: PointerEvent) => this.point(e)}
                @pointerleave=${() => (this.active = null)}
                @focus=${(e: FocusEvent) => this.focused(e)}
                @blur=${() => (this.active = null)}
              >
                ${this.plot()}
              </svg>
              ${this.renderTip()}
            </div>`}
      <div class=${this.tabular ? 'table-wrap' : 'visually-hidden'}>${this.renderTable()}</div>
    `;
  }

  private renderTip(): TemplateResult | typeof nothing {
    const i = this.active;
    if (i === null || i >= this.categoryCount()) return nothing;
    const { x, y } = this.anchor(i);
    // Beside the point, on the side with more room, so it never leaves the chart.
    const side = x < this.width / 2 ? `left:${Math.round(x + 10)}px` : `right:${Math.round(this.width - x + 10)}px`;
    return html`<div class="tip" style="${side};top:${Math.max(0, Math.round(y))}px" aria-live=${this.byKey ? 'polite' : 'off'}>
      <b>${this.nameOf(i)}</b>
      ${this.tipLines(i).map((l) => html`<div>${l.color ? html`<i style="background:${l.color}"></i>` : nothing}<span>${l.label}</span><span>${l.value}</span></div>`)}
    </div>`;
  }

  protected renderTable(): TemplateResult {
    const head = this.tableHead();
    return html`<table>
      <caption>${this.label}</caption>
      <thead><tr><th scope="col">${this.categoryHeader}</th>${head.map((h) => html`<th scope="col" class="n">${h}</th>`)}</tr></thead>
      <tbody>
        ${Array.from({ length: this.categoryCount() }, (_, i) => html`<tr><th scope="row">${this.nameOf(i)}</th>${this.tableRow(i).map((c) => html`<td class="n">${c}</td>`)}</tr>`)}
      </tbody>
    </table>`;
  }
}

/** The frame of a chart whose categories run along the x axis: the plot's edges and one band per category. */
export interface Bands {
  left: number;
  right: number;
  top: number;
  bottom: number;
  band: number;
  /** The centre of category i. */
  mid: (i: number) => number;
  /** y of a value. */
  y: (v: number) => number;
}

export function bandsOf(width: number, height: number, count: number, top: number, axisLabels: readonly string[]): Bands {
  const left = Math.max(24, ...axisLabels.map(textWidth)) + 8;
  const right = width - 6;
  const plotTop = 8;
  const bottom = height - 20;
  const band = (right - left) / Math.max(1, count);
  return {
    left,
    right,
    top: plotTop,
    bottom,
    band,
    mid: (i) => left + band * (i + 0.5),
    y: (v) => bottom - (Math.max(0, v) / top) * (bottom - plotTop),
  };
}

/** The horizontal grid lines with their values, and the axis under the plot. */
export function gridLines(b: Bands, ticks: readonly number[], label: (v: number) => string): SVGTemplateResult {
  return svg`${ticks.map(
    (v) => svg`<line class=${v === 0 ? 'axis' : 'grid'} x1=${b.left} x2=${b.right} y1=${b.y(v)} y2=${b.y(v)}></line>
      <text x=${b.left - 5} y=${b.y(v) + 4} text-anchor="end">${label(v)}</text>`,
  )}`;
}

/** The categories' names under the axis, every k-th one when they would not fit side by side. */
export function categoryLabels(b: Bands, names: readonly string[]): SVGTemplateResult {
  const widest = Math.max(0, ...names.map(textWidth)) + 6;
  const every = Math.max(1, Math.ceil(widest / Math.max(1, b.band)));
  return svg`${names.map((name, i) => (i % every === 0 ? svg`<text x=${b.mid(i)} y=${b.bottom + 14} text-anchor="middle">${name}</text>` : nothing))}`;
}

/** The category a point is over, in a band layout. */
export function bandAt(b: Bands, count: number, x: number): number | null {
  if (count === 0 || x < b.left || x > b.right) return null;
  return Math.min(count - 1, Math.max(0, Math.floor((x - b.left) / b.band)));
}

/** A light band behind the category the pointer or the keys are on. */
export function hoverBand(b: Bands, active: number | null): SVGTemplateResult | typeof nothing {
  if (active === null) return nothing;
  return svg`<rect class="hover" x=${b.left + b.band * active} y=${b.top} width=${b.band} height=${b.bottom - b.top}></rect>`;
}
