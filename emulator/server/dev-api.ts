// The local-only JSON API for tests and demos: mail, pushes, clock, stats, running functions,
// a read-only view of the workbooks for the admin page, and the cells selected on it. Never part of the
// product on Google.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Runtime } from '../runtime/runtime.ts';
import { TooManyExecutionsError } from '../runtime/pool.ts';
import { cellAt, lastColumn, lastRow } from '../model/apply.ts';
import { FormulaEngine } from '../model/formula.ts';
import type { CellValue, ChartSpec, FormatRule, SheetModel, SpreadsheetModel } from '../model/types.ts';
import { a1Notation } from '../model/a1.ts';
import { HttpError, parseDuration, readJson, sendJson, sendText } from './http-util.ts';
import { scriptRunBridge } from './script-run-bridge.ts';
import { selectionView } from '../host/selection.ts';

const NAME = /^[A-Za-z_$][\w$]*$/;

export async function handleDev(runtime: Runtime, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname.replace(/^\/_dev/, '');
  const method = req.method ?? 'GET';

  if (path === '/bridge.js' && method === 'GET') {
    const as = url.searchParams.has('as') ? (url.searchParams.get('as') ?? '') : undefined;
    return sendText(res, 200, 'text/javascript; charset=utf-8', scriptRunBridge(as), { 'cache-control': 'no-cache' });
  }
  if (path === '/mail' && method === 'GET') return sendJson(res, 200, runtime.deps.mailbox);
  if (path === '/pushes' && method === 'GET') return sendJson(res, 200, runtime.deps.fetches);
  if (path === '/clock') {
    if (method === 'POST') setClock(runtime, (await readJson<ClockRequest>(req)) ?? {});
    return sendJson(res, 200, clockState(runtime));
  }
  if (path === '/stats' && method === 'GET') {
    const fn = url.searchParams.get('fn');
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const all = runtime.recentStats().filter((s) => !fn || s.fn === fn);
    return sendJson(res, 200, all.slice(-Math.max(1, Math.min(limit, 500))).reverse());
  }
  const run = /^\/(run|rpc)\/([^/]+)$/.exec(path);
  if (run && method === 'POST') {
    const [, mode, name] = run;
    if (!NAME.test(name)) throw new HttpError(400, `not a function name: ${name}`);
    const body = (await readJson<{ args?: unknown[]; as?: string } | unknown[]>(req)) ?? {};
    // google.script.run posts the argument list; /_dev/run takes { args, as }.
    const args = Array.isArray(body) ? body : (body.args ?? []);
    const as = Array.isArray(body) ? undefined : body.as;
    if (args.some(containsDate)) throw new HttpError(400, 'google.script.run cannot pass Date objects');
    try {
      const out = await runtime.run(name, args, { kind: mode === 'rpc' ? 'rpc' : 'manual', activeUser: as ?? runtime.deps.ownerEmail });
      if (out.error) return sendJson(res, 200, { ok: false, error: `${out.error.name}: ${out.error.message}`, logs: out.logs, stats: out.stats });
      const r = out.result!;
      const value = r.kind === 'json' ? JSON.parse(r.json) : r.kind === 'none' ? null : r;
      return sendJson(res, 200, { ok: true, value, logs: out.logs, stats: out.stats });
    } catch (e) {
      if (e instanceof TooManyExecutionsError) throw new HttpError(503, e.message);
      throw e;
    }
  }
  if (path === '/bot-sink/alerts' && method === 'POST') {
    // Stands in for the bot when none runs: takes the pushes (they are listed at /_dev/pushes, as every
    // UrlFetch call is) and says each alert was delivered, so the Outbox behaves as it would with a bot.
    const push = (await readJson<{ alerts?: { alert_id?: string }[] }>(req)) ?? {};
    const receipts = (push.alerts ?? []).map((a) => ({ alert_id: String(a.alert_id ?? ''), delivered: true }));
    return sendJson(res, 200, { ok: true, receipts });
  }
  if (path === '/ui' && method === 'GET') return sendJson(res, 200, runtime.host.uiState());
  if (path === '/ui/take' && method === 'POST') return sendJson(res, 200, runtime.host.takeDialogs());
  if (path === '/workbook' && method === 'GET') return sendJson(res, 200, workbookIndex(runtime));
  if (path === '/workbook/sheet' && method === 'GET') return sendJson(res, 200, sheetPage(runtime, url.searchParams));
  if (path === '/selection' && method === 'POST') {
    // { ss?, sheet, a1 }: what the admin selected; the next executions' getActiveRange answers it.
    const body = (await readJson<{ ss?: string; sheet?: number | string; a1?: string }>(req)) ?? {};
    if (body.sheet === undefined || typeof body.a1 !== 'string') throw new HttpError(400, 'give { ss?, sheet, a1 }');
    try {
      return sendJson(res, 200, runtime.host.select(body.ss ?? runtime.deps.workbooks.activeId, body.sheet, body.a1));
    } catch (e) {
      throw new HttpError(400, (e as Error).message);
    }
  }
  throw new HttpError(404, `no such dev endpoint: ${method} ${url.pathname}`);
}

interface ClockRequest {
  set?: string | number;
  advance?: string | number;
  freeze?: boolean;
  reset?: boolean;
}

function setClock(runtime: Runtime, body: ClockRequest): void {
  const clock = runtime.clock;
  if (body.reset) return clock.reset();
  if (body.set !== undefined) {
    const ms = typeof body.set === 'number' ? body.set : Date.parse(body.set);
    if (!Number.isFinite(ms)) throw new HttpError(400, `not a time: ${JSON.stringify(body.set)} (use epoch ms or an ISO date)`);
    clock.set(ms, body.freeze === undefined ? {} : { frozen: body.freeze });
  } else if (body.freeze === true) clock.freeze();
  else if (body.freeze === false) clock.set(clock.now(), { frozen: false });
  if (body.advance !== undefined) {
    const ms = parseDuration(body.advance);
    if (ms < 0) throw new HttpError(400, 'the clock only moves forward');
    clock.advance(ms);
  }
}

function clockState(runtime: Runtime) {
  const now = runtime.clock.now();
  return { now, iso: new Date(now).toISOString(), local: formatLocal(now, runtime.timeZone), timeZone: runtime.timeZone, frozen: runtime.clock.isFrozen() };
}

function workbookIndex(runtime: Runtime) {
  const activeId = runtime.deps.workbooks.activeId;
  return runtime.deps.workbooks.list().map((ss) => ({
    id: ss.id,
    name: ss.name,
    active: ss.id === activeId,
    timeZone: ss.timeZone,
    selection: selectionView(runtime.deps, ss),
    sheets: ss.sheets.map((s) => ({ id: s.id, name: s.name, lastRow: lastRow(s), lastColumn: lastColumn(s), frozenRows: s.frozenRows })),
  }));
}

function sheetPage(runtime: Runtime, q: URLSearchParams) {
  const ss = runtime.deps.workbooks.get(q.get('ss') ?? runtime.deps.workbooks.activeId);
  if (!ss) throw new HttpError(404, 'no such spreadsheet');
  const sheet = ss.sheets.find((s) => String(s.id) === q.get('sheet') || s.name === q.get('sheet')) ?? ss.sheets[0];
  if (!sheet) throw new HttpError(404, 'no such sheet');
  // What Sheets would show: formulas as their values and spilled arrays in the cells they fill (the
  // names column beside Current, Violations and Daily is one formula in its header cell).
  const engine = sheet.formulas.size ? new FormulaEngine(ss, runtime.clock.now()) : null;
  const spill = engine ? engine.spillExtent(sheet) : { rows: 0, cols: 0 };
  const rows = Math.max(lastRow(sheet), spill.rows);
  const cols = Math.max(lastColumn(sheet), spill.cols);
  const at = engine ? (r: number, c: number) => engine.valueAt(sheet, r, c) : (r: number, c: number) => cellAt(sheet, r, c);
  const limit = Math.max(1, Math.min(Number(q.get('limit') ?? 200), 1000));
  // Without an offset, show the header and the newest rows: what an admin looks at.
  const offset = q.has('offset') ? Math.max(0, Number(q.get('offset'))) : Math.max(0, rows - limit);
  const header = rows > 0 ? row(at, 1, cols, ss.timeZone) : [];
  const values: string[][] = [];
  for (let r = Math.max(offset + 1, 2); r <= Math.min(rows, offset + limit); r++) values.push(row(at, r, cols, ss.timeZone));
  return {
    ss: ss.id,
    sheet: { id: sheet.id, name: sheet.name },
    rows,
    cols,
    offset,
    header,
    values,
    firstRow: Math.max(offset + 1, 2),
    // Formatting the page draws (bold, fills), as rectangles inside the grid shown, and the charts in words.
    styles: shownStyles(sheet, rows, cols),
    charts: (sheet.charts ?? []).map((c) => describeChart(ss, c)),
  };
}

/** Bold and background rules clipped to the used area (open-ended ones would not survive JSON). */
function shownStyles(sheet: SheetModel, rows: number, cols: number) {
  const clip = (f: FormatRule) => ({ r1: f.r1, c1: f.c1, r2: Math.min(f.r2, rows), c2: Math.min(f.c2, cols) });
  const inside = (f: FormatRule) => f.r1 <= rows && f.c1 <= cols;
  return {
    bold: (sheet.styles?.fontWeight ?? []).filter(inside).map(clip),
    background: (sheet.styles?.background ?? []).filter(inside).map((f) => ({ ...clip(f), color: f.format })),
  };
}

/** "COLUMN, stacked, ranges Days!A1:A32, Days!C1:C32, title "Breaks per day", at Days!H1". */
function describeChart(ss: SpreadsheetModel, chart: ChartSpec): { id: number; type: string; text: string } {
  const where = (sheetId: number, row: number, col: number, rows: number, cols: number) => {
    const name = ss.sheets.find((s) => s.id === sheetId)?.name ?? '?';
    const tab = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
    return `${tab}!${a1Notation(row, col, rows, cols)}`;
  };
  const host = ss.sheets.find((s) => s.charts?.includes(chart));
  const parts = [chart.type || '(no type)'];
  if (chart.options.isStacked === true) parts.push('stacked');
  parts.push(chart.ranges.length ? `ranges ${chart.ranges.map((r) => where(r.sheet, r.row, r.col, r.rows, r.cols)).join(', ')}` : 'no ranges');
  if (typeof chart.options.title === 'string' && chart.options.title) parts.push(`title "${chart.options.title}"`);
  if (host) parts.push(`at ${where(host.id, chart.position.row, chart.position.col, 1, 1)}`);
  return { id: chart.id, type: chart.type, text: parts.join(', ') };
}

function row(at: (r: number, c: number) => CellValue, r: number, cols: number, tz: string): string[] {
  const out: string[] = [];
  for (let c = 1; c <= cols; c++) out.push(display(at(r, c), tz));
  return out;
}

function display(v: CellValue, tz: string): string {
  return v instanceof Date ? formatLocal(v.getTime(), tz) : String(v);
}

function formatLocal(ms: number, tz: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: tz, dateStyle: 'short', timeStyle: 'medium' }).format(new Date(ms));
}

function containsDate(v: unknown): boolean {
  if (v instanceof Date) return true;
  if (Array.isArray(v)) return v.some(containsDate);
  if (v && typeof v === 'object') return Object.values(v).some(containsDate);
  return false;
}
