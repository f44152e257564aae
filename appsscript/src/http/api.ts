// The one error handler and dispatcher of the web-app API: size, JSON, op, schema, then the use case.
// Whatever goes wrong reaches the caller as { ok: false, error: { code, message } } with a code from
// common/errors.ts; an unexpected failure is `internal` and its detail goes to the log, not the caller.
import * as v from 'valibot';
import type { Envelope } from '../../../common/envelope.ts';
import { MAX_REQUEST_BYTES } from '../../../common/limits.ts';
import { describeIssues, isKnownOp, requestSchemas, type KnownOp } from '../../../common/schemas.ts';
import { ApiFailure, BadRequest } from '../services/errors.ts';

type Parsed<K extends KnownOp> = v.InferOutput<(typeof requestSchemas)[K]>;
export type Handlers = { [K in KnownOp]: (req: Parsed<K>) => object };

export function handleApi(body: string, handlers: Handlers, log: (message: string) => void): Envelope<object> {
  try {
    return { ok: true, ...dispatch(body, handlers) };
  } catch (e) {
    if (e instanceof ApiFailure) return { ok: false, error: e.toApiError() };
    log(`internal error: ${e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e)}`);
    return { ok: false, error: { code: 'internal', message: 'Something went wrong on the server; try again / Ошибка на сервере; повторите попытку' } };
  }
}

function dispatch(body: string, handlers: Handlers): object {
  // Characters, not bytes: a cheap upper bound first, exact bytes only near the limit.
  if (body.length > MAX_REQUEST_BYTES || (body.length > MAX_REQUEST_BYTES / 4 && utf8Length(body) > MAX_REQUEST_BYTES)) {
    throw new BadRequest(`The request is larger than ${MAX_REQUEST_BYTES} bytes`, `Запрос больше ${MAX_REQUEST_BYTES} байт`);
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new BadRequest('The request body is not valid JSON', 'Тело запроса — не корректный JSON');
  }
  const op = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as { op?: unknown }).op : undefined;
  if (!isKnownOp(op)) {
    throw new BadRequest(`Unknown op ${JSON.stringify(op ?? null)}`, `Неизвестная операция ${JSON.stringify(op ?? null)}`, { op: op ?? null });
  }
  const parsed = v.safeParse(requestSchemas[op], json);
  if (!parsed.success) {
    const where = describeIssues(parsed.issues);
    throw new BadRequest(`Invalid ${op} request: ${where}`, `Неверный запрос ${op}: ${where}`);
  }
  return (handlers[op] as (req: unknown) => object)(parsed.output);
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
