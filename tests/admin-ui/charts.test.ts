// @vitest-environment happy-dom
// The console's charts (appsscript/ui/components/charts/): the bars and lines drawn at the heights the
// numbers say, the same numbers in the table a screen reader reads, the tooltip the keys move, the legend,
// and "Show as table".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../appsscript/ui/components/charts/stacked-bars.ts';
import '../../appsscript/ui/components/charts/line-chart.ts';
import '../../appsscript/ui/components/charts/hbar-chart.ts';
import '../../appsscript/ui/components/charts/grouped-bars.ts';
import '../../appsscript/ui/components/charts/hour-bars.ts';
import { fixedTicks, niceScale, numberText, type ChartSeries } from '../../appsscript/ui/components/charts/chart-kit.ts';
import { setLang } from '../../appsscript/ui/i18n/locale.ts';
import { $, $all, clear, mount, settle, textOf } from '../client/ui-helpers.ts';

// The default frame: 560 × 220, the plot from y = 8 to y = 200 (192 px tall).
const PLOT_TOP = 8;
const PLOT_BOTTOM = 200;
const PLOT = PLOT_BOTTOM - PLOT_TOP;

const num = (el: Element, name: string) => Number(el.getAttribute(name));
/** The table's cells, row by row, header first. */
/** The texts drawn straight on the picture: the axis's values first. */
const axisTexts = (el: HTMLElement) => [...$(el, 'svg').children].filter((c) => c.tagName.toLowerCase() === 'text').map((t) => textOf(t));
const tableOf = (el: HTMLElement) => $all(el, 'table tr').map((tr) => [...tr.children].map((c) => textOf(c)));

beforeEach(() => setLang('en'));
afterEach(() => clear());

describe('scales', () => {
  it('round the top up to 1, 2, 2.5 or 5 times a power of ten, in about four steps', () => {
    expect(niceScale(8)).toEqual({ top: 8, ticks: [0, 2, 4, 6, 8] });
    expect(niceScale(1695)).toEqual({ top: 2000, ticks: [0, 500, 1000, 1500, 2000] });
    expect(niceScale(9)).toEqual({ top: 10, ticks: [0, 2.5, 5, 7.5, 10] });
    expect(niceScale(0)).toEqual({ top: 1, ticks: [0, 1] });
    expect(fixedTicks(100)).toEqual([0, 25, 50, 75, 100]);
    expect(fixedTicks(125)).toEqual([0, 25, 50, 75, 100, 125]);
  });

  it('write numbers the page\'s way', () => {
    expect(numberText(1234.5, 'en')).toBe('1,234.5');
    expect(numberText(1234.5, 'ru')).toBe('1\u00a0234,5');
  });
});

describe('<adm-stacked-bars>', () => {
  const series: ChartSeries[] = [
    { key: 'work', label: 'Work', color: '#34a853', values: [6, 4, null] },
    { key: 'break', label: 'Break', color: '#fbbc04', values: [2, 1, null] },
  ];
  const open = () =>
    mount<HTMLElement>('adm-stacked-bars', {
      label: 'Time by status',
      categoryHeader: 'Date',
      categories: ['1', '2', '3'],
      names: ['Mon 1 Nov', 'Tue 2 Nov', 'Wed 3 Nov'],
      series,
      format: (v: number) => `${v} h`,
    } as never);

  it('stacks each day\'s series to its total on an axis up to a round number, a date without data as a grey band', async () => {
    const el = await open();
    // Totals 8 and 5: the axis runs to 8.
    expect($all(el, 'svg text').map((t) => textOf(t)).slice(0, 5)).toEqual(['0', '2', '4', '6', '8']);
    const first = $all(el, 'g.stack[data-i="0"] rect');
    expect(first.map((r) => r.getAttribute('data-key'))).toEqual(['work', 'break']);
    expect(first.map((r) => r.getAttribute('fill'))).toEqual(['#34a853', '#fbbc04']);
    expect(num(first[0], 'height')).toBeCloseTo((6 / 8) * PLOT);
    expect(num(first[1], 'height')).toBeCloseTo((2 / 8) * PLOT);
    // Break sits on work, the stack's top at the axis's top.
    expect(num(first[0], 'y')).toBeCloseTo(PLOT_BOTTOM - (6 / 8) * PLOT);
    expect(num(first[1], 'y')).toBeCloseTo(PLOT_TOP);
    const second = $all(el, 'g.stack[data-i="1"] rect');
    expect(num(second[0], 'height')).toBeCloseTo((4 / 8) * PLOT);
    expect($all(el, 'g.stack[data-i="2"]')).toEqual([]);
    expect($all(el, 'rect.gap').map((r) => r.getAttribute('data-i'))).toEqual(['2']);
    expect(textOf($(el, '.legend'))).toBe('Work Break No data');
  });

  it('holds the same numbers in a table for a screen reader, and says what it shows', async () => {
    const el = await open();
    expect($(el, 'table').parentElement?.className).toBe('visually-hidden');
    expect(textOf($(el, 'table caption'))).toBe('Time by status');
    expect(tableOf(el)).toEqual([
      ['Date', 'Work', 'Break', 'Total'],
      ['Mon 1 Nov', '6 h', '2 h', '8 h'],
      ['Tue 2 Nov', '4 h', '1 h', '5 h'],
      ['Wed 3 Nov', '', '', 'No data'],
    ]);
    const svg = $(el, 'svg');
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('Time by status: 3 points; the highest is Mon 1 Nov, 8 h. The arrow keys move from point to point.');
  });

  it('shows a day\'s numbers in a tooltip as the arrow keys move, and as a table on request', async () => {
    const el = await open();
    const svg = $(el, 'svg');
    svg.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await settle();
    expect(textOf($(el, '.tip'))).toBe('Mon 1 Nov Work 6 h Break 2 h Total 8 h');
    expect($(el, '.tip').getAttribute('aria-live')).toBe('polite');
    expect($all(el, 'rect.hover')).toHaveLength(1);
    svg.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await settle();
    expect(textOf($(el, '.tip b'))).toBe('Tue 2 Nov');
    svg.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    await settle();
    expect(textOf($(el, '.tip'))).toBe('Wed 3 Nov No data');
    svg.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect($all(el, '.tip')).toEqual([]);

    $(el, 'button.as-table').click();
    await settle();
    expect($all(el, 'svg')).toEqual([]);
    expect($(el, 'table').parentElement?.className).toBe('table-wrap');
    expect(textOf($(el, 'button.as-table'))).toBe('Show as chart');
  });
});

describe('<adm-line-chart>', () => {
  it('draws each series on 0–100, broken where a value is missing, with the table beside it', async () => {
    const el = await mount<HTMLElement>('adm-line-chart', {
      label: 'Adherence',
      categoryHeader: 'Date',
      categories: ['1', '2', '3', '4'],
      series: [
        { key: 'adherence', label: 'Adherence', color: '#0b57d0', values: [100, 50, null, 0] },
        { key: 'conformance', label: 'Conformance', color: '#188038', values: [90, null, null, 80], dashed: true },
      ],
      format: (v: number) => `${v}%`,
    } as never);
    expect(axisTexts(el).slice(0, 5)).toEqual(['0', '25', '50', '75', '100']);
    const path = $(el, 'g.series[data-key="adherence"] path').getAttribute('d') ?? '';
    // Two pieces: days 1–2, then day 4 alone.
    expect(path.match(/M/g)).toHaveLength(2);
    const ys = [...path.matchAll(/[ML][\d.]+,([\d.]+)/g)].map((m) => Number(m[1]));
    expect(ys[0]).toBeCloseTo(PLOT_TOP);
    expect(ys[1]).toBeCloseTo(PLOT_TOP + PLOT / 2);
    expect(ys[2]).toBeCloseTo(PLOT_BOTTOM);
    expect($(el, 'g.series[data-key="conformance"] path').getAttribute('stroke-dasharray')).toBe('6 3');
    // Day 3 has no value at all: a grey band.
    expect($all(el, 'rect.gap').map((r) => r.getAttribute('data-i'))).toEqual(['2']);
    expect(tableOf(el)).toEqual([
      ['Date', 'Adherence', 'Conformance'],
      ['1', '100%', '90%'],
      ['2', '50%', 'No data'],
      ['3', 'No data', 'No data'],
      ['4', '0%', '80%'],
    ]);
  });
});

describe('<adm-hbar-chart>', () => {
  it('draws a bar per row as long as its value, the name before it and the value after', async () => {
    const el = await mount<HTMLElement>('adm-hbar-chart', {
      label: 'Violations by type',
      categoryHeader: 'Violation',
      categories: ['Break too long', 'Late start', 'Early leave'],
      series: [{ key: 'violations', label: 'Count', color: '#c5221f', values: [40, 10, 0] }],
    } as never);
    const bars = $all(el, 'g.row rect.bar');
    expect(bars).toHaveLength(3);
    expect(num(bars[1], 'width') / num(bars[0], 'width')).toBeCloseTo(10 / 40);
    expect(num(bars[2], 'width')).toBe(0);
    expect($all(el, 'g.row text.value').map((t) => textOf(t))).toEqual(['40', '10', '0']);
    expect($all(el, 'g.row text:not(.value)').map((t) => textOf(t))).toEqual(['Break too long', 'Late start', 'Early leave']);
    expect(tableOf(el).slice(1)).toEqual([
      ['Break too long', '40'],
      ['Late start', '10'],
      ['Early leave', '0'],
    ]);
  });
});

describe('<adm-grouped-bars> and <adm-hour-bars>', () => {
  it('puts the series side by side in each group on a fixed 0–100 axis', async () => {
    const el = await mount<HTMLElement>('adm-grouped-bars', {
      label: 'Groups',
      categories: ['billing', 'support'],
      series: [
        { key: 'adherence', label: 'Adherence', color: '#0b57d0', values: [80, 50] },
        { key: 'conformance', label: 'Conformance', color: '#188038', values: [100, null] },
      ],
      max: 100,
    } as never);
    const billing = $all(el, 'g.group[data-i="0"] rect.bar');
    expect(billing.map((r) => r.getAttribute('data-key'))).toEqual(['adherence', 'conformance']);
    expect(num(billing[0], 'height')).toBeCloseTo(0.8 * PLOT);
    expect(num(billing[1], 'height')).toBeCloseTo(PLOT);
    expect(num(billing[1], 'x')).toBeGreaterThan(num(billing[0], 'x'));
    expect($all(el, 'g.group[data-i="1"] rect.bar')).toHaveLength(1);
  });

  it('draws the hours\' peak and average against the group\'s limit, which the tooltip and the axis include', async () => {
    const el = await mount<HTMLElement>('adm-hour-bars', {
      label: 'support-l1',
      categoryHeader: 'Hour',
      categories: ['12', '13'],
      names: ['12:00–13:00', '13:00–14:00'],
      series: [
        { key: 'peak', label: 'Most at once', color: '#fbbc04', values: [2, 5] },
        { key: 'average', label: 'Average', color: '#fbbc04', values: [1, 2.5] },
      ],
      limit: 3,
    } as never);
    // 170 px tall: the plot from 8 to 150; the axis to 6 (the peak of 5, in whole people).
    const plot = 150 - 8;
    const ticks = axisTexts(el);
    expect(ticks.slice(0, 4)).toEqual(['0', '2', '4', '6']);
    const peak = $(el, 'g.hour[data-i="1"] rect.peak');
    const average = $(el, 'g.hour[data-i="1"] rect.average');
    expect(num(peak, 'height')).toBeCloseTo((5 / 6) * plot);
    expect(num(average, 'height')).toBeCloseTo((2.5 / 6) * plot);
    expect(num(average, 'width')).toBeLessThan(num(peak, 'width'));
    const limit = $(el, 'line.limit');
    expect(num(limit, 'y1')).toBeCloseTo(150 - (3 / 6) * plot);
    expect(textOf($(el, 'text.limit-text'))).toBe('limit 3');
    expect(textOf($(el, '.legend'))).toBe('Most at once Average Limit');
    $(el, 'svg').dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }));
    await settle();
    expect(textOf($(el, '.tip'))).toBe('12:00–13:00 Most at once 2 Average 1 Limit 3');
    expect(tableOf(el)).toEqual([
      ['Hour', 'Most at once', 'Average'],
      ['12:00–13:00', '2', '1'],
      ['13:00–14:00', '5', '2.5'],
    ]);
  });

  it('says its numbers in Russian on a Russian page', async () => {
    setLang('ru');
    const el = await mount<HTMLElement>('adm-hour-bars', {
      label: 'billing',
      categories: ['12'],
      series: [
        { key: 'peak', label: 'Больше всего сразу', color: '#fbbc04', values: [2] },
        { key: 'average', label: 'В среднем', color: '#fbbc04', values: [1.5] },
      ],
      limit: 2,
    } as never);
    expect(textOf($(el, 'text.limit-text'))).toBe('лимит 2');
    expect(textOf($(el, 'button.as-table'))).toBe('Показать таблицей');
    expect(tableOf(el)[1]).toEqual(['12', '2', '1,5']);
  });
});
