// Embedded charts (developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder,
// embedded-chart, container-info) and the Charts global's enums (reference/charts/charts).
// A builder and a built chart are local objects: every method is a counted call ('handle' in the latency
// model) that reaches no service; only Sheet.insertChart / updateChart / removeChart / getCharts do
// (sheet.ts). The emulator keeps what a chart is made of (type, ranges, position, options) and draws
// nothing; the /admin page describes it in words.
//
// The typed builders (asColumnChart(), ...) set the Google Charts options their setters stand for:
// setTitle 'title', setStacked 'isStacked', set3D 'is3D', setColors 'colors', setBackgroundColor
// 'backgroundColor', setXAxisTitle 'hAxis.title', setYAxisTitle 'vAxis.title', setLegendPosition
// 'legend.position' (the Charts.Position name, lower case). Only these and the ones listed per class are
// emulated; the others (text styles, curve and point styles, ranges of the axes, log scale) are absent.
import type { FacadeContext } from '../../runtime/contracts.ts';
import type { RangeRef } from '../../model/sheets-protocol.ts';
import type { ChartSpec } from '../../model/types.ts';
import { gas, integerArg, signatureMismatch } from './wire.ts';
import { EmuRange, rangeRefOf } from './range.ts';

type Range = GoogleAppsScript.Spreadsheet.Range;
type EmbeddedChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type EmbeddedChartBuilder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
type ChartType = GoogleAppsScript.Charts.ChartType;

// Values are their names, as the other emulated enums (content-service.ts MimeType).
const enumOf = <K extends string>(names: readonly K[]): Readonly<Record<K, K>> =>
  Object.freeze(Object.fromEntries(names.map((n) => [n, n])) as Record<K, K>);

/** reference/charts/chart-type, in the documentation's order. */
export const CHART_TYPES = [
  'TIMELINE', 'AREA', 'BAR', 'BUBBLE', 'CANDLESTICK', 'COLUMN', 'COMBO', 'GAUGE', 'GEO', 'HISTOGRAM', 'RADAR',
  'LINE', 'ORG', 'PIE', 'SCATTER', 'SPARKLINE', 'STEPPED_AREA', 'TABLE', 'TREEMAP', 'WATERFALL',
] as const;
const POSITIONS = ['TOP', 'RIGHT', 'BOTTOM', 'NONE'] as const;

/**
 * The Charts global: its enums only (ChartType, Position, ChartHiddenDimensionStrategy, ChartMergeStrategy,
 * CurveStyle, PointStyle, ColumnType). Charts.new*Chart() (charts as images, not embedded in a sheet) are
 * not emulated.
 */
export function createCharts(): GoogleAppsScript.Charts.Charts {
  return gas(
    Object.freeze({
      ChartType: enumOf(CHART_TYPES),
      Position: enumOf(POSITIONS),
      ChartHiddenDimensionStrategy: enumOf(['IGNORE_BOTH', 'IGNORE_ROWS', 'IGNORE_COLUMNS', 'SHOW_BOTH'] as const),
      ChartMergeStrategy: enumOf(['MERGE_COLUMNS', 'MERGE_ROWS'] as const),
      CurveStyle: enumOf(['NORMAL', 'SMOOTH'] as const),
      PointStyle: enumOf(['NONE', 'TINY', 'MEDIUM', 'LARGE', 'HUGE'] as const),
      ColumnType: enumOf(['DATE', 'NUMBER', 'STRING'] as const),
    }),
  );
}

/** What a builder and a built chart hold: a ChartSpec with whole ranges (spreadsheet included), no id yet. */
export interface ChartState {
  /** The spreadsheet whose sheet made the builder. */
  ss: string;
  chartId: number | null;
  type: string;
  ranges: RangeRef[];
  position: ChartSpec['position'];
  options: Record<string, unknown>;
  numHeaders?: number;
  transpose?: boolean;
}

function copyState(s: ChartState): ChartState {
  return { ...s, ranges: s.ranges.map((r) => ({ ...r })), position: { ...s.position }, options: structuredClone(s.options) };
}

/** An option's value as Sheets keeps it: plain data (what JSON holds). */
function optionValue(v: unknown): unknown {
  if (v === undefined) return null;
  return JSON.parse(JSON.stringify(v)) as unknown;
}

/** The chart a built EmbeddedChart stands for (Sheet.insertChart receives one). */
const charts = new WeakMap<object, ChartState>();

export function chartStateOf(chart: unknown): ChartState | undefined {
  return typeof chart === 'object' && chart !== null ? charts.get(chart) : undefined;
}

/** What the host stores for a chart of spreadsheet `ss`; the facade has checked the ranges are of `ss`. */
export function specOf(state: ChartState): Omit<ChartSpec, 'id'> {
  const spec: Omit<ChartSpec, 'id'> = {
    type: state.type,
    ranges: state.ranges.map((r) => ({ sheet: r.sheet, row: r.row, col: r.col, rows: r.rows, cols: r.cols })),
    position: { ...state.position },
    options: structuredClone(state.options),
  };
  if (state.numHeaders !== undefined) spec.numHeaders = state.numHeaders;
  if (state.transpose !== undefined) spec.transpose = state.transpose;
  return spec;
}

/** A stored chart as the script sees it (Sheet.getCharts). */
export function chartFromSpec(ctx: FacadeContext, ss: string, spec: ChartSpec): EmbeddedChart {
  const state: ChartState = {
    ss,
    chartId: spec.id,
    type: spec.type,
    ranges: spec.ranges.map((r) => ({ ss, ...r })),
    position: { ...spec.position },
    options: structuredClone(spec.options),
  };
  if (spec.numHeaders !== undefined) state.numHeaders = spec.numHeaders;
  if (spec.transpose !== undefined) state.transpose = spec.transpose;
  return gas(new EmuEmbeddedChart(ctx, state));
}

/** Sheet.newChart(): an empty builder, anchored at A1 until setPosition. */
export function newChartBuilder(ctx: FacadeContext, ss: string): EmbeddedChartBuilder {
  return gas(new EmuEmbeddedChartBuilder(ctx, { ss, chartId: null, type: '', ranges: [], position: { row: 1, col: 1, offsetX: 0, offsetY: 0 }, options: {} }));
}

type BaseMethods =
  | 'addRange'
  | 'removeRange'
  | 'clearRanges'
  | 'getRanges'
  | 'setChartType'
  | 'getChartType'
  | 'setOption'
  | 'setPosition'
  | 'setNumHeaders'
  | 'setTransposeRowsAndColumns'
  | 'getContainer'
  | 'asAreaChart'
  | 'asBarChart'
  | 'asColumnChart'
  | 'asLineChart'
  | 'asPieChart'
  | 'build';

export class EmuEmbeddedChartBuilder implements Pick<EmbeddedChartBuilder, BaseMethods> {
  constructor(
    protected readonly ctx: FacadeContext,
    protected readonly state: ChartState,
    /** The class name calls are counted under. */
    protected readonly cls: string = 'EmbeddedChartBuilder',
  ) {}

  protected count(method: string): void {
    this.ctx.meter.count(`${this.cls}.${method}`);
  }

  protected method(name: string): string {
    return `SpreadsheetApp.${this.cls}.${name}`;
  }

  /** "Adds a range to the chart this builder modifies. Does not add the range if it has already been added." */
  addRange(range: Range): EmbeddedChartBuilder {
    this.count('addRange');
    const ref = rangeRefOf(range);
    if (!ref) signatureMismatch(this.ctx, [range], this.method('addRange'));
    if (!this.state.ranges.some((r) => sameRange(r, ref))) this.state.ranges.push({ ...ref });
    return gas(this);
  }

  /** "Removes the specified range from the chart this builder modifies." (nothing when it is not there) */
  removeRange(range: Range): EmbeddedChartBuilder {
    this.count('removeRange');
    const ref = rangeRefOf(range);
    if (!ref) signatureMismatch(this.ctx, [range], this.method('removeRange'));
    const i = this.state.ranges.findIndex((r) => sameRange(r, ref));
    if (i >= 0) this.state.ranges.splice(i, 1);
    return gas(this);
  }

  clearRanges(): EmbeddedChartBuilder {
    this.count('clearRanges');
    this.state.ranges.length = 0;
    return gas(this);
  }

  /** "Returns a copy of the list of ranges currently providing data for this chart." */
  getRanges(): Range[] {
    this.count('getRanges');
    return this.state.ranges.map((r) => gas<Range>(new EmuRange(this.ctx, { ...r })));
  }

  setChartType(type: ChartType): EmbeddedChartBuilder {
    this.count('setChartType');
    this.state.type = chartTypeArg(this.ctx, type, this.method('setChartType'));
    return gas(this);
  }

  getChartType(): ChartType {
    this.count('getChartType');
    return (this.state.type || null) as unknown as ChartType;
  }

  /** "Sets advanced options for this chart" (Google Charts option names, dotted for nested ones). */
  setOption(option: string, value: any): EmbeddedChartBuilder {
    this.count('setOption');
    if (typeof option !== 'string') signatureMismatch(this.ctx, [option, value], this.method('setOption'));
    this.state.options[option] = optionValue(value);
    return gas(this);
  }

  /** anchorRowPos, anchorColPos: 1-based cell the chart's top-left corner is in; offsets in pixels from it. */
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): EmbeddedChartBuilder {
    this.count('setPosition');
    const args = [anchorRowPos, anchorColPos, offsetX, offsetY];
    const m = this.method('setPosition');
    this.state.position = {
      row: integerArg(this.ctx, anchorRowPos, args, m),
      col: integerArg(this.ctx, anchorColPos, args, m),
      offsetX: integerArg(this.ctx, offsetX, args, m),
      offsetY: integerArg(this.ctx, offsetY, args, m),
    };
    return gas(this);
  }

  /** "Sets the number of rows or columns of the range that should be treated as headers." */
  setNumHeaders(headers: number): EmbeddedChartBuilder {
    this.count('setNumHeaders');
    this.state.numHeaders = integerArg(this.ctx, headers, [headers], this.method('setNumHeaders'));
    return gas(this);
  }

  setTransposeRowsAndColumns(transpose: boolean): EmbeddedChartBuilder {
    this.count('setTransposeRowsAndColumns');
    if (typeof transpose !== 'boolean') signatureMismatch(this.ctx, [transpose], this.method('setTransposeRowsAndColumns'));
    this.state.transpose = transpose;
    return gas(this);
  }

  getContainer(): GoogleAppsScript.Spreadsheet.ContainerInfo {
    this.count('getContainer');
    return containerInfo(this.ctx, this.state.position);
  }

  asAreaChart(): GoogleAppsScript.Spreadsheet.EmbeddedAreaChartBuilder {
    this.count('asAreaChart');
    return gas(new EmuStackableChartBuilder(this.ctx, this.retype('AREA'), 'EmbeddedAreaChartBuilder'));
  }

  asBarChart(): GoogleAppsScript.Spreadsheet.EmbeddedBarChartBuilder {
    this.count('asBarChart');
    return gas(new EmuStackableChartBuilder(this.ctx, this.retype('BAR'), 'EmbeddedBarChartBuilder'));
  }

  asColumnChart(): GoogleAppsScript.Spreadsheet.EmbeddedColumnChartBuilder {
    this.count('asColumnChart');
    return gas(new EmuStackableChartBuilder(this.ctx, this.retype('COLUMN'), 'EmbeddedColumnChartBuilder'));
  }

  asLineChart(): GoogleAppsScript.Spreadsheet.EmbeddedLineChartBuilder {
    this.count('asLineChart');
    return gas(new EmuAxisChartBuilder(this.ctx, this.retype('LINE'), 'EmbeddedLineChartBuilder'));
  }

  asPieChart(): GoogleAppsScript.Spreadsheet.EmbeddedPieChartBuilder {
    this.count('asPieChart');
    return gas(new EmuPieChartBuilder(this.ctx, this.retype('PIE'), 'EmbeddedPieChartBuilder'));
  }

  /** "Builds the chart to reflect all changes made to it." A snapshot: later builder calls do not change it. */
  build(): EmbeddedChart {
    this.count('build');
    return gas(new EmuEmbeddedChart(this.ctx, copyState(this.state)));
  }

  /** The typed builder goes on with the same chart (ranges, options, position). */
  private retype(type: string): ChartState {
    this.state.type = type;
    return this.state;
  }
}

/** Setters every typed builder has (area, bar, column, line, pie). */
class EmuTypedChartBuilder extends EmuEmbeddedChartBuilder {
  setTitle(chartTitle: string): this {
    return this.option('setTitle', 'title', chartTitle, typeof chartTitle === 'string');
  }

  setBackgroundColor(cssValue: string): this {
    return this.option('setBackgroundColor', 'backgroundColor', cssValue, typeof cssValue === 'string');
  }

  setColors(cssValues: string[]): this {
    return this.option('setColors', 'colors', cssValues, Array.isArray(cssValues) && cssValues.every((c) => typeof c === 'string'));
  }

  setLegendPosition(position: GoogleAppsScript.Charts.Position): this {
    const name = String(position);
    return this.option('setLegendPosition', 'legend.position', name.toLowerCase(), (POSITIONS as readonly string[]).includes(name));
  }

  protected option(method: string, name: string, value: unknown, valid: boolean): this {
    this.count(method);
    if (!valid) signatureMismatch(this.ctx, [value], this.method(method));
    this.state.options[name] = optionValue(value);
    return this;
  }
}

/** Line charts, and the base of the stackable ones: axis titles. */
class EmuAxisChartBuilder extends EmuTypedChartBuilder {
  setXAxisTitle(title: string): this {
    return this.option('setXAxisTitle', 'hAxis.title', title, typeof title === 'string');
  }

  setYAxisTitle(title: string): this {
    return this.option('setYAxisTitle', 'vAxis.title', title, typeof title === 'string');
  }
}

/** Area, bar and column charts. */
class EmuStackableChartBuilder extends EmuAxisChartBuilder {
  /** "Uses stacked lines, meaning that line and bar values are stacked (accumulated)." */
  setStacked(): this {
    return this.option('setStacked', 'isStacked', true, true);
  }
}

class EmuPieChartBuilder extends EmuTypedChartBuilder {
  set3D(): this {
    return this.option('set3D', 'is3D', true, true);
  }
}

type ChartMethods = 'getChartId' | 'getRanges' | 'getOptions' | 'getContainerInfo' | 'modify';

export class EmuEmbeddedChart implements Pick<EmbeddedChart, ChartMethods> {
  constructor(
    private readonly ctx: FacadeContext,
    private readonly state: ChartState,
  ) {
    charts.set(this, state);
  }

  /**
   * "A stable identifier for the chart that is unique across the spreadsheet containing the chart or null if
   * the chart is not in a spreadsheet." A chart given to insertChart takes the id it was stored under.
   */
  getChartId(): number | null {
    this.ctx.meter.count('EmbeddedChart.getChartId');
    return this.state.chartId;
  }

  getRanges(): Range[] {
    this.ctx.meter.count('EmbeddedChart.getRanges');
    return this.state.ranges.map((r) => gas<Range>(new EmuRange(this.ctx, { ...r })));
  }

  /** ChartOptions.get(option): the value set for it, or null. */
  getOptions(): GoogleAppsScript.Charts.ChartOptions {
    this.ctx.meter.count('EmbeddedChart.getOptions');
    const options = structuredClone(this.state.options);
    const ctx = this.ctx;
    return {
      get(option: string): any {
        ctx.meter.count('ChartOptions.get');
        return Object.prototype.hasOwnProperty.call(options, option) ? options[option] : null;
      },
    };
  }

  getContainerInfo(): GoogleAppsScript.Spreadsheet.ContainerInfo {
    this.ctx.meter.count('EmbeddedChart.getContainerInfo');
    return containerInfo(this.ctx, this.state.position);
  }

  /** A builder for a changed copy; Sheet.updateChart(builder.build()) stores it. */
  modify(): EmbeddedChartBuilder {
    this.ctx.meter.count('EmbeddedChart.modify');
    return gas(new EmuEmbeddedChartBuilder(this.ctx, copyState(this.state)));
  }
}

function containerInfo(ctx: FacadeContext, p: ChartSpec['position']): GoogleAppsScript.Spreadsheet.ContainerInfo {
  const get = <T>(method: string, v: T) => (): T => {
    ctx.meter.count(`ContainerInfo.${method}`);
    return v;
  };
  return {
    getAnchorRow: get('getAnchorRow', p.row),
    getAnchorColumn: get('getAnchorColumn', p.col),
    getOffsetX: get('getOffsetX', p.offsetX),
    getOffsetY: get('getOffsetY', p.offsetY),
  };
}

function sameRange(a: RangeRef, b: RangeRef): boolean {
  return a.ss === b.ss && a.sheet === b.sheet && a.row === b.row && a.col === b.col && a.rows === b.rows && a.cols === b.cols;
}

/** A Charts.ChartType (its name, here); anything else does not match the method's signature. */
function chartTypeArg(ctx: FacadeContext, type: unknown, method: string): string {
  if (typeof type === 'string' && (CHART_TYPES as readonly string[]).includes(type)) return type;
  return signatureMismatch(ctx, [type], method);
}
