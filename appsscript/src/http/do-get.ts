// GET on the web app: `?op=health` answers JSON; anything else serves the employee page.
import { health } from '../services/health.ts';
import { spreadsheetTimeZone } from '../gas/environment.ts';
import { employeePage, jsonOutput } from '../gas/output.ts';

export function handleGet(e: GoogleAppsScript.Events.DoGet): GoogleAppsScript.Content.TextOutput | GoogleAppsScript.HTML.HtmlOutput {
  const op = e?.parameter?.op;
  if (op === 'health') return jsonOutput({ ok: true, ...health(Date.now(), spreadsheetTimeZone()) });
  if (op !== undefined) return jsonOutput({ ok: false, error: { code: 'bad_request', message: `Unknown op "${op}" / Неизвестная операция "${op}"` } });
  return employeePage();
}
