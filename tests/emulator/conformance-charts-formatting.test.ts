// Embedded charts and cell formatting, as a report exported into a new spreadsheet uses them.
// References: developers.google.com/apps-script/reference/spreadsheet/{embedded-chart-builder,embedded-chart,
// embedded-column-chart-builder,container-info,sheet,range} and reference/charts/chart-type. The emulator keeps
// what a chart is made of and draws nothing; formatting is stored per attribute (emulator/model/types.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spreadsheetHarness } from './helpers/spreadsheet-harness.ts';
import { Clock } from '../../emulator/clock.ts';
import { applyOp } from '../../emulator/model/apply.ts';
import type { SpreadsheetModel, Workbooks } from '../../emulator/model/types.ts';
import { createSheetsHost } from '../../emulator/host/sheets.ts';
import type { HostDeps } from '../../emulator/host/deps.ts';
import { createDirectContext, defaultExecution } from '../../emulator/runtime/direct.ts';
import { createSandbox } from '../../emulator/runtime/sandbox.ts';
import { costFamily } from '../../emulator/runtime/latency.ts';
import { createSpreadsheetApp } from '../../emulator/gas/spreadsheet-app.ts';
import { createGlobals } from '../../emulator/gas/index.ts';
import { createCharts } from '../../emulator/gas/spreadsheet/charts.ts';
import { DurableWorkbookStore } from '../../emulator/store/durable-store.ts';
import { encodeJson } from '../../emulator/store/json-codec.ts';
import { EXTRAS_PART } from '../../emulator/store/extras.ts';
import { ZipReader } from '../../emulator/store/zip-reader.ts';
import { readSpreadsheetXlsx, writeSpreadsheetXlsx } from '../../emulator/store/xlsx-codec.ts';

const Charts = createCharts();

/** A report tab: header, 31 days, three numeric columns. */
function reportSheet(app: GoogleAppsScript.Spreadsheet.SpreadsheetApp) {
  const ss = app.create('Report 2026-11');
  const sheet = ss.getSheets()[0].setName('Days');
  const rows: (string | number)[][] = [['Day', 'Worked h', 'Break h', 'Late']];
  for (let d = 1; d <= 31; d++) rows.push([`2026-11-${String(d).padStart(2, '0')}`, 7 + (d % 3), 1, d % 5]);
  sheet.getRange(1, 1, rows.length, 4).setValues(rows);
  return { ss, sheet };
}

describe('Range formatting', () => {
  it('setFontWeight: "bold" or "normal", null resets; getFontWeight reads the top-left cell', () => {
    // range#setFontWeight(String): "the font weight, either 'bold' or 'normal'; a null value resets the font weight"
    const { app } = spreadsheetHarness();
    const { sheet } = reportSheet(app);
    const header = sheet.getRange(1, 1, 1, 4);
    expect(header.setFontWeight('bold')).toBe(header); // chains, as the report does
    expect(sheet.getRange('A1').getFontWeight()).toBe('bold');
    expect(sheet.getRange('D1').getFontWeight()).toBe('bold');
    expect(sheet.getRange('A2').getFontWeight()).toBe('normal');
    sheet.getRange('B1').setFontWeight(null);
    expect(sheet.getRange('B1').getFontWeight()).toBe('normal');
    sheet.getRange('C1').setFontWeight('normal');
    expect(sheet.getRange('C1').getFontWeight()).toBe('normal');
    expect(sheet.getRange('A1:D1').getFontWeight()).toBe('bold');
    expect(() => sheet.getRange('A1').setFontWeight(1 as never)).toThrow("don't match the method signature");
  });

  it('setBackground takes CSS notation; getBackground gives "#rrggbb", "#ffffff" when none is set', () => {
    // range#setBackground(String): "color code in CSS notation (such as '#ffffff' or 'white'); a null value resets"
    const { app } = spreadsheetHarness();
    const { sheet } = reportSheet(app);
    expect(sheet.getRange('A1').getBackground()).toBe('#ffffff');
    sheet.getRange('A1:D1').setBackground('#F1F3F4');
    expect(sheet.getRange('C1').getBackground()).toBe('#f1f3f4');
    sheet.getRange('A2').setBackground('yellow');
    expect(sheet.getRange('A2').getBackground()).toBe('#ffff00');
    sheet.getRange('A3').setBackground('#abc');
    expect(sheet.getRange('A3').getBackground()).toBe('#aabbcc');
    sheet.getRange('A1').setBackground(null);
    expect(sheet.getRange('A1').getBackground()).toBe('#ffffff');
    expect(sheet.getRange('B1').getBackground()).toBe('#f1f3f4');
  });

  it('setHorizontalAlignment and setWrap are stored; bad arguments are refused', () => {
    const { app, store } = spreadsheetHarness();
    const { ss, sheet } = reportSheet(app);
    sheet.getRange('B1:D32').setHorizontalAlignment('center');
    sheet.getRange('A1:A32').setWrap(true);
    const model = store.get(ss.getId())!.sheets[0];
    expect(model.styles?.horizontalAlignment).toEqual([{ r1: 1, c1: 2, r2: 32, c2: 4, format: 'center' }]);
    expect(model.styles?.wrap).toEqual([{ r1: 1, c1: 1, r2: 32, c2: 1, format: 'true' }]);
    sheet.getRange('B1:D32').setHorizontalAlignment('normal');
    expect(store.get(ss.getId())!.sheets[0].styles?.horizontalAlignment).toBeUndefined();
    expect(() => sheet.getRange('A1').setHorizontalAlignment('middle' as never)).toThrow('Invalid argument');
    expect(() => sheet.getRange('A1').setWrap('yes' as never)).toThrow("don't match the method signature");
  });

  it('formatting moves with the cells when rows are inserted above, and clear() removes it', () => {
    const { app } = spreadsheetHarness();
    const { sheet } = reportSheet(app);
    sheet.getRange('A1:D1').setFontWeight('bold');
    sheet.insertRowsBefore(1, 2);
    expect(sheet.getRange('A3').getFontWeight()).toBe('bold');
    expect(sheet.getRange('A1').getFontWeight()).toBe('normal');
    sheet.getRange('A3:D3').clear({ formatOnly: true });
    expect(sheet.getRange('A3').getFontWeight()).toBe('normal');
  });
});

describe('Sheet column widths', () => {
  it('setColumnWidth / setColumnWidths in pixels, getColumnWidth 100 for a column nobody sized', () => {
    // sheet#setColumnWidth(Integer,Integer): "Sets the width of the given column in pixels."
    const { app } = spreadsheetHarness();
    const { sheet } = reportSheet(app);
    expect(sheet.getColumnWidth(1)).toBe(100);
    expect(sheet.setColumnWidth(1, 140)).toBe(sheet);
    sheet.setColumnWidths(2, 3, 60);
    expect([1, 2, 3, 4, 5].map((c) => sheet.getColumnWidth(c))).toEqual([140, 60, 60, 60, 100]);
    expect(() => sheet.setColumnWidth(27, 50)).toThrow('Those columns are out of bounds.');
  });

  it('autoResizeColumns fits each column to its longest displayed value; an empty one gets the default', () => {
    // sheet#autoResizeColumns(Integer,Integer): "Sets the width of all columns starting at the given column
    // position to fit their contents." The width is an estimate here (7 px a character, 8 bold, + 10).
    const { app } = spreadsheetHarness();
    const { sheet } = reportSheet(app);
    sheet.getRange('A1:D1').setFontWeight('bold');
    sheet.setColumnWidth(5, 300);
    expect(sheet.autoResizeColumns(1, 5)).toBe(sheet);
    expect(sheet.getColumnWidth(1)).toBe(10 * 7 + 10); // '2026-11-01'
    expect(sheet.getColumnWidth(2)).toBe(8 * 8 + 10); // 'Worked h', bold
    expect(sheet.getColumnWidth(5)).toBe(100);
    sheet.autoResizeColumn(1);
    expect(sheet.getColumnWidth(1)).toBe(80);
  });
});

describe('embedded charts', () => {
  function chartOf(sheet: GoogleAppsScript.Spreadsheet.Sheet) {
    return sheet
      .newChart()
      .setChartType(Charts.ChartType.COLUMN)
      .addRange(sheet.getRange('A1:A32'))
      .addRange(sheet.getRange('C1:C32'))
      .setNumHeaders(1)
      .setOption('title', 'Breaks per day')
      .setOption('isStacked', true)
      .setPosition(1, 6, 10, 20)
      .build();
  }

  it('newChart builds a chart that insertChart puts on the sheet; getCharts gives it back', () => {
    const { app } = spreadsheetHarness();
    const { sheet } = reportSheet(app);
    const built = chartOf(sheet);
    expect(built.getChartId()).toBeNull(); // "or null if the chart is not in a spreadsheet"
    expect(sheet.getCharts()).toEqual([]);
    sheet.insertChart(built);
    const [chart] = sheet.getCharts();
    expect(chart.getChartId()).toEqual(expect.any(Number));
    expect(chart.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:A32', 'C1:C32']);
    expect(chart.getOptions().get('title')).toBe('Breaks per day');
    expect(chart.getOptions().get('isStacked')).toBe(true);
    expect(chart.getOptions().get('legend.position')).toBeNull();
    const at = chart.getContainerInfo();
    expect([at.getAnchorRow(), at.getAnchorColumn(), at.getOffsetX(), at.getOffsetY()]).toEqual([1, 6, 10, 20]);
    expect(chart.modify().getChartType()).toBe(Charts.ChartType.COLUMN);
  });

  it('addRange adds a range once; the builder is a snapshot source: build() copies', () => {
    // embedded-chart-builder#addRange: "Does not add the range if it has already been added to the chart."
    const { app } = spreadsheetHarness();
    const { sheet } = reportSheet(app);
    const builder = sheet.newChart().setChartType(Charts.ChartType.LINE).addRange(sheet.getRange('A1:B32')).addRange(sheet.getRange('A1:B32'));
    const first = builder.build();
    builder.addRange(sheet.getRange('D1:D32'));
    expect(first.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:B32']);
    expect(builder.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:B32', 'D1:D32']);
    builder.removeRange(sheet.getRange('A1:B32'));
    expect(builder.getRanges().map((r) => r.getA1Notation())).toEqual(['D1:D32']);
  });

  it('the typed builders: asColumnChart().setStacked().setTitle() set the chart options they stand for', () => {
    // embedded-column-chart-builder#setStacked, #setTitle
    const { app } = spreadsheetHarness();
    const { sheet } = reportSheet(app);
    const column = sheet.newChart().addRange(sheet.getRange('A1:B32')).asColumnChart();
    const chart = column.setStacked().setTitle('Worked').setXAxisTitle('Day').setYAxisTitle('Hours').setLegendPosition(Charts.Position.BOTTOM).build();
    sheet.insertChart(chart);
    const options = sheet.getCharts()[0].getOptions();
    expect(['isStacked', 'title', 'hAxis.title', 'vAxis.title', 'legend.position'].map((o) => options.get(o))).toEqual([true, 'Worked', 'Day', 'Hours', 'bottom']);
    expect(sheet.getCharts()[0].modify().getChartType()).toBe('COLUMN');
    expect(sheet.newChart().asLineChart().setTitle('Trend').build().getOptions().get('title')).toBe('Trend');
    expect(sheet.newChart().asPieChart().set3D().build().getOptions().get('is3D')).toBe(true);
  });

  it('Charts.ChartType lists the documented types; anything else is refused by setChartType', () => {
    // reference/charts/chart-type
    expect(Object.keys(Charts.ChartType)).toEqual([
      'TIMELINE', 'AREA', 'BAR', 'BUBBLE', 'CANDLESTICK', 'COLUMN', 'COMBO', 'GAUGE', 'GEO', 'HISTOGRAM', 'RADAR',
      'LINE', 'ORG', 'PIE', 'SCATTER', 'SPARKLINE', 'STEPPED_AREA', 'TABLE', 'TREEMAP', 'WATERFALL',
    ]);
    const { app } = spreadsheetHarness();
    const { sheet } = reportSheet(app);
    expect(() => sheet.newChart().setChartType('DONUT' as never)).toThrow(
      "The parameters (String) don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.setChartType.",
    );
  });

  it('modify + updateChart change a chart in place; removeChart takes it off', () => {
    const { app } = spreadsheetHarness();
    const { sheet } = reportSheet(app);
    sheet.insertChart(chartOf(sheet));
    const [chart] = sheet.getCharts();
    sheet.updateChart(chart.modify().setOption('title', 'Updated!').setPosition(2, 2, 0, 0).build());
    const [updated] = sheet.getCharts();
    expect(updated.getChartId()).toBe(chart.getChartId());
    expect(updated.getOptions().get('title')).toBe('Updated!');
    expect(updated.getContainerInfo().getAnchorRow()).toBe(2);
    sheet.removeChart(updated);
    expect(sheet.getCharts()).toEqual([]);
    sheet.removeChart(updated); // already gone: nothing happens
  });

  it('a chart reads ranges of its own spreadsheet only', () => {
    const { app } = spreadsheetHarness();
    const { sheet } = reportSheet(app);
    const other = app.getActiveSpreadsheet().getSheets()[0];
    const chart = sheet.newChart().setChartType(Charts.ChartType.BAR).addRange(other.getRange('A1:B2')).build();
    expect(() => sheet.insertChart(chart)).toThrow('A chart can only read ranges of its own spreadsheet.');
  });

  it("the chart's ranges and anchor follow rows inserted or deleted in its data", () => {
    const { app } = spreadsheetHarness();
    const { sheet } = reportSheet(app);
    sheet.insertChart(chartOf(sheet));
    sheet.insertRowsBefore(1, 1); // above everything: the ranges move down
    expect(sheet.getCharts()[0].getRanges().map((r) => r.getA1Notation())).toEqual(['A2:A33', 'C2:C33']);
    expect(sheet.getCharts()[0].getContainerInfo().getAnchorRow()).toBe(2);
    sheet.insertRowsAfter(10, 2); // inside the data: the ranges grow
    expect(sheet.getCharts()[0].getRanges().map((r) => r.getA1Notation())).toEqual(['A2:A35', 'C2:C35']);
    sheet.deleteRows(3, 5);
    expect(sheet.getCharts()[0].getRanges().map((r) => r.getA1Notation())).toEqual(['A2:A30', 'C2:C30']);
  });

  it('every call is counted; building is local, inserting a structure change, formatting a write', () => {
    const { app, meter } = spreadsheetHarness();
    const { sheet } = reportSheet(app);
    sheet.getRange('A1:D1').setFontWeight('bold');
    sheet.insertChart(chartOf(sheet));
    expect(meter.calls['EmbeddedChartBuilder.addRange']).toBe(2);
    expect(meter.calls['EmbeddedChartBuilder.build']).toBe(1);
    expect(meter.calls['Sheet.newChart']).toBe(1);
    expect(meter.calls['Sheet.insertChart']).toBe(1);
    expect(meter.calls['Range.setFontWeight']).toBe(1);
    const families = Object.fromEntries(
      [
        'Sheet.newChart', 'EmbeddedChartBuilder.setChartType', 'EmbeddedColumnChartBuilder.setStacked', 'EmbeddedChart.getRanges',
        'ChartOptions.get', 'ContainerInfo.getAnchorRow', 'Sheet.insertChart', 'Sheet.removeChart', 'Sheet.updateChart',
        'Sheet.getCharts', 'Range.setFontWeight', 'Range.setBackground', 'Range.setHorizontalAlignment', 'Range.setWrap',
        'Range.getFontWeight', 'Sheet.setColumnWidth', 'Sheet.setColumnWidths', 'Sheet.autoResizeColumns', 'Sheet.getColumnWidth',
      ].map((m) => [m, costFamily(m)]),
    );
    expect(families).toEqual({
      'Sheet.newChart': 'handle',
      'EmbeddedChartBuilder.setChartType': 'handle',
      'EmbeddedColumnChartBuilder.setStacked': 'handle',
      'EmbeddedChart.getRanges': 'handle',
      'ChartOptions.get': 'handle',
      'ContainerInfo.getAnchorRow': 'handle',
      'Sheet.insertChart': 'sheetStructure',
      'Sheet.removeChart': 'sheetStructure',
      'Sheet.updateChart': 'sheetStructure',
      'Sheet.getCharts': 'sheetMetadata',
      'Range.setFontWeight': 'sheetWrite',
      'Range.setBackground': 'sheetWrite',
      'Range.setHorizontalAlignment': 'sheetWrite',
      'Range.setWrap': 'sheetWrite',
      'Range.getFontWeight': 'sheetRead',
      'Sheet.setColumnWidth': 'sheetWrite',
      'Sheet.setColumnWidths': 'sheetWrite',
      'Sheet.autoResizeColumns': 'sheetStructure',
      'Sheet.getColumnWidth': 'sheetMetadata',
    });
  });

  it('every change is an op: replaying the journal rebuilds the same charts, formatting and widths', () => {
    const { app, store } = spreadsheetHarness();
    const { ss, sheet } = reportSheet(app);
    sheet.getRange('A1:D1').setFontWeight('bold').setBackground('#f1f3f4');
    sheet.autoResizeColumns(1, 4);
    sheet.insertChart(chartOf(sheet));
    sheet.insertRowsBefore(1, 1);
    const replayed: Workbooks = new Map();
    for (const op of store.ops) applyOp(replayed, structuredClone(op));
    expect(encodeJson(replayed.get(ss.getId()))).toBe(encodeJson(store.get(ss.getId())));
  });
});

describe('the sandbox', () => {
  it('exposes Charts beside SpreadsheetApp, as a bundle sees it', () => {
    const sandbox = createSandbox({
      exec: defaultExecution(),
      now: () => Date.UTC(2026, 10, 24),
      bundleDir: 'dist/appsscript',
      makePort: () => ({
        call: () => {
          throw new Error('no host in this test');
        },
      }),
      createGlobals,
    });
    const seen = vm.runInContext(
      '[typeof Charts, Charts.ChartType.COLUMN, Charts.ChartType.LINE, Charts.Position.BOTTOM, typeof SpreadsheetApp]',
      sandbox.context,
    ) as unknown[];
    expect(seen).toEqual(['object', 'COLUMN', 'LINE', 'BOTTOM', 'object']);
  });
});

// ---------------------------------------------------------------------------------------------------
// Persistence: the workbook saved and opened again.

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wtt-charts-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function durableApp() {
  const store = await DurableWorkbookStore.open({ file: path.join(dir, 'workbook.xlsx'), timeZone: 'Europe/Moscow', name: 'WTT' });
  const clock = new Clock();
  clock.set(Date.UTC(2026, 10, 24, 7), { frozen: true });
  const deps: HostDeps = {
    clock,
    workbooks: store,
    dataDir: dir,
    bundleDir: 'dist/appsscript',
    ownerEmail: 'owner@example.com',
    mailbox: [],
    fetches: [],
    webAppUrl: 'http://127.0.0.1:8080/exec',
  };
  const ctx = createDirectContext({ sheets: createSheetsHost(deps) }, { exec: { activeSpreadsheetId: store.activeId }, clock });
  return { store, app: createSpreadsheetApp(ctx) };
}

describe('persistence', () => {
  it('a report book made with create() comes back with its charts, formatting and column widths', async () => {
    const first = await durableApp();
    const { ss, sheet } = reportSheet(first.app);
    sheet.getRange(1, 1, 1, 4).setFontWeight('bold').setBackground('#f1f3f4');
    sheet.getRange('B2:D32').setHorizontalAlignment('right');
    sheet.setFrozenRows(1);
    sheet.autoResizeColumns(1, 4);
    const second = ss.insertSheet('Summary, "all"');
    sheet.insertChart(
      sheet.newChart().setChartType(Charts.ChartType.COLUMN).addRange(sheet.getRange('A1:A32')).addRange(sheet.getRange('C1:D32'))
        .setNumHeaders(1).setOption('title', 'Breaks <&> lateness').setOption('isStacked', true).setPosition(1, 6, 0, 0).build(),
    );
    second.insertChart(second.newChart().asLineChart().setTitle('Worked').addRange(sheet.getRange('A1:B32')).build());
    const before = first.store.get(ss.getId())!;
    const file = first.store.fileOf(ss.getId())!;
    await first.store.close(); // writes the snapshot; the journal is empty after it

    const again = await durableApp();
    const loaded = again.app.openById(ss.getId());
    const days = loaded.getSheetByName('Days')!;
    const [chart] = days.getCharts();
    expect(chart.modify().getChartType()).toBe('COLUMN');
    expect(chart.getRanges().map((r) => `${r.getSheet().getName()}!${r.getA1Notation()}`)).toEqual(['Days!A1:A32', 'Days!C1:D32']);
    expect([chart.getOptions().get('title'), chart.getOptions().get('isStacked')]).toEqual(['Breaks <&> lateness', true]);
    expect(chart.getContainerInfo().getAnchorColumn()).toBe(6);
    const [line] = loaded.getSheetByName('Summary, "all"')!.getCharts();
    expect(line.getRanges()[0].getSheet().getName()).toBe('Days');
    expect(line.getOptions().get('title')).toBe('Worked');
    expect([days.getRange('A1').getFontWeight(), days.getRange('D1').getBackground(), days.getRange('A2').getFontWeight()]).toEqual(['bold', '#f1f3f4', 'normal']);
    expect(days.getColumnWidth(1)).toBe(80);
    // The whole model, exactly (sheet ids come from the manifest's layout).
    expect(encodeJson(again.store.get(ss.getId()))).toBe(encodeJson(before));
    await again.store.close();

    // The file itself: the side part is there, and a spreadsheet program sees the bold, filled header.
    const zip = ZipReader.open(file);
    expect(zip.has(EXTRAS_PART)).toBe(true);
    zip.close();
    const witness = new ExcelJS.Workbook();
    await witness.xlsx.readFile(file);
    const a1 = witness.getWorksheet('Days')!.getCell('A1');
    expect(a1.font?.bold).toBe(true);
    expect((a1.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFF1F3F4');
    expect(witness.getWorksheet('Days')!.getCell('B2').alignment?.horizontal).toBe('right');
  });

  it('without the side part (the file saved by a spreadsheet program) formatting comes back from the cells', async () => {
    const wb: Workbooks = new Map();
    applyOp(wb, { t: 'createSpreadsheet', ss: 's', name: 'Book', timeZone: 'UTC' });
    applyOp(wb, { t: 'setValues', ss: 's', sheetId: 0, row: 1, col: 1, values: [['Day', 'Hours'], ['2026-11-01', 8]] });
    applyOp(wb, { t: 'setCellStyle', ss: 's', sheetId: 0, key: 'fontWeight', rule: { r1: 1, c1: 1, r2: 1, c2: 2, format: 'bold' } });
    applyOp(wb, { t: 'setCellStyle', ss: 's', sheetId: 0, key: 'background', rule: { r1: 1, c1: 1, r2: 1, c2: 2, format: '#f1f3f4' } });
    applyOp(wb, { t: 'setColumnWidths', ss: 's', sheetId: 0, col: 1, count: 1, width: 124 });
    applyOp(wb, { t: 'insertChart', ss: 's', sheetId: 0, chart: { id: 7, type: 'PIE', ranges: [{ sheet: 0, row: 1, col: 1, rows: 2, cols: 2 }], position: { row: 1, col: 4, offsetX: 0, offsetY: 0 }, options: {} } });
    const ss: SpreadsheetModel = wb.get('s')!;
    const file = path.join(dir, 'book.xlsx');
    await writeSpreadsheetXlsx(ss, file);
    const exact = await readSpreadsheetXlsx(file, { id: 's', name: 'Book', timeZone: 'UTC' });
    expect(exact.sheets[0].styles).toEqual(ss.sheets[0].styles);
    expect(exact.sheets[0].charts).toEqual(ss.sheets[0].charts);
    expect(exact.sheets[0].columnWidths).toEqual({ 1: 124 });

    const program = new ExcelJS.Workbook(); // load and save, as a person would: the unknown part is dropped
    await program.xlsx.readFile(file);
    await program.xlsx.writeFile(file);
    const zip = ZipReader.open(file);
    expect(zip.has(EXTRAS_PART)).toBe(false);
    zip.close();
    const derived = await readSpreadsheetXlsx(file, { id: 's', name: 'Book', timeZone: 'UTC' });
    expect(derived.sheets[0].styles).toEqual({
      fontWeight: [{ r1: 1, c1: 1, r2: 1, c2: 2, format: 'bold' }],
      background: [{ r1: 1, c1: 1, r2: 1, c2: 2, format: '#f1f3f4' }],
    });
    expect(derived.sheets[0].columnWidths).toEqual({ 1: 124 });
    expect(derived.sheets[0].charts).toBeUndefined();
  });
});
