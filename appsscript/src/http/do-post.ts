// POST on the web app: a JSON body (sent as text/plain to avoid a CORS preflight) with an `op` field.
import type { ApiError } from '../../../common/envelope.ts';
import { health } from '../services/health.ts';
import { spreadsheetTimeZone } from '../gas/environment.ts';
import { jsonOutput } from '../gas/output.ts';

export function handlePost(e: GoogleAppsScript.Events.DoPost): GoogleAppsScript.Content.TextOutput {
  let body: unknown;
  try {
    body = JSON.parse(e?.postData?.contents ?? '');
  } catch {
    return fail({ code: 'bad_request', message: 'The request body is not valid JSON / Тело запроса — не JSON' });
  }
  const op = typeof body === 'object' && body !== null ? (body as { op?: unknown }).op : undefined;
  if (op === 'health') return jsonOutput({ ok: true, ...health(Date.now(), spreadsheetTimeZone()) });
  return fail({ code: 'bad_request', message: `Unknown op ${JSON.stringify(op)} / Неизвестная операция ${JSON.stringify(op)}` });
}

function fail(error: ApiError): GoogleAppsScript.Content.TextOutput {
  return jsonOutput({ ok: false, error });
}
