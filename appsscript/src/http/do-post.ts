// POST on the web app: a JSON body (sent as text/plain to avoid a CORS preflight) with an `op` field,
// answered with a JSON envelope (Apps Script replies carry no status code).
import { handleApi } from './api.ts';
import { apiHandlers } from '../gas/api-wiring.ts';
import { jsonOutput } from '../gas/output.ts';

export function handlePost(e: GoogleAppsScript.Events.DoPost): GoogleAppsScript.Content.TextOutput {
  const body = e?.postData?.contents ?? '';
  return jsonOutput(handleApi(body, apiHandlers(Date.now()), (m) => console.error(m)));
}
