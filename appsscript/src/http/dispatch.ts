// The one dispatcher behind every entry: the web-app API (doPost), the bot's signed ops and the admin
// console's adminRpc. Size, JSON, an optional check of the whole request (the bot's signature), op lookup,
// the op's valibot schema from common/, then the handler; whatever goes wrong reaches the caller as
// { ok: false, error: { code, message } } with a code from common/errors.ts. An unexpected failure is
// `internal` and its detail goes to the log, never to the caller (it may hold sheet contents).
import * as v from 'valibot';
import type { Envelope } from '../../../common/envelope.ts';
import { MAX_REQUEST_BYTES } from '../../../common/limits.ts';
import { describeIssues } from '../../../common/schemas.ts';
import { ApiFailure, BadRequest } from '../errors.ts';

export interface OpTable<Op extends string> {
  schemas: { readonly [K in Op]: v.GenericSchema };
  /** Runs before the op is looked up, on the parsed JSON (the bot's signature and replay check). */
  admit?(json: unknown): void;
  /** Runs after the schema, before the handler (an op's role check). */
  authorize?(op: Op, parsed: unknown): void;
  handle(op: Op, parsed: unknown): object;
}

/** A request that arrives as a body (web app, bot). */
export function dispatchBody<Op extends string>(body: string, table: OpTable<Op>, log: (message: string) => void): Envelope<object> {
  return answer(() => {
    checkSize(body);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new BadRequest('The request body is not valid JSON', 'Тело запроса — не корректный JSON');
    }
    return run(json, table);
  }, log);
}

/** A request that arrives as a value (google.script.run passes plain objects): the op and its payload. */
export function dispatchValue<Op extends string>(op: unknown, payload: unknown, table: OpTable<Op>, log: (message: string) => void): Envelope<object> {
  return answer(() => {
    let text: string | undefined;
    try {
      text = JSON.stringify(payload ?? {});
    } catch {
      text = undefined;
    }
    if (text === undefined || typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      throw new BadRequest('The payload must be an object', 'Данные запроса должны быть объектом');
    }
    checkSize(text);
    return handleOp(op, JSON.parse(text), table);
  }, log);
}

function answer(work: () => object, log: (message: string) => void): Envelope<object> {
  try {
    return { ok: true, ...work() };
  } catch (e) {
    if (e instanceof ApiFailure) return { ok: false, error: e.toApiError() };
    log(`internal error: ${e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e)}`);
    return { ok: false, error: { code: 'internal', message: 'Something went wrong on the server; try again / Ошибка на сервере; повторите попытку' } };
  }
}

/** A body names its op inside (`{"op": ..., ...}`); its schema covers the op field too. */
function run<Op extends string>(json: unknown, table: OpTable<Op>): object {
  table.admit?.(json);
  const op = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as { op?: unknown }).op : undefined;
  return handleOp(op, json, table);
}

function handleOp<Op extends string>(op: unknown, json: unknown, table: OpTable<Op>): object {
  if (typeof op !== 'string' || !Object.prototype.hasOwnProperty.call(table.schemas, op)) {
    throw new BadRequest(`Unknown op ${JSON.stringify(op ?? null)}`, `Неизвестная операция ${JSON.stringify(op ?? null)}`, { op: op ?? null });
  }
  const known = op as Op;
  const parsed = v.safeParse(table.schemas[known], json);
  if (!parsed.success) {
    const where = describeIssues(parsed.issues);
    // Every problem, by field, so a form can mark each one; the message names the first.
    throw new BadRequest(`Invalid ${known} request: ${where}`, `Неверный запрос ${known}: ${where}`, { fields: fieldIssues(parsed.issues) });
  }
  table.authorize?.(known, parsed.output);
  return table.handle(known, parsed.output);
}

/** One entry per field path ("entries[3].status", "rules[0].max_minutes"), its first message. */
export function fieldIssues(issues: readonly v.BaseIssue<unknown>[]): { field: string; message: string }[] {
  const out = new Map<string, string>();
  for (const issue of issues) {
    const field = (issue.path ?? []).map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`)).join('').replace(/^\./, '');
    if (!out.has(field)) out.set(field, issue.message);
  }
  return [...out].map(([field, message]) => ({ field, message }));
}

function checkSize(text: string): void {
  // A cheap upper bound first, exact UTF-8 bytes only near the limit.
  if (text.length > MAX_REQUEST_BYTES || (text.length > MAX_REQUEST_BYTES / 4 && utf8Length(text) > MAX_REQUEST_BYTES)) {
    throw new BadRequest(`The request is larger than ${MAX_REQUEST_BYTES} bytes`, `Запрос больше ${MAX_REQUEST_BYTES} байт`);
  }
}

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
