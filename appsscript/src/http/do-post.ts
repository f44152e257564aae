// POST on the web app: a JSON body (sent as text/plain to avoid a CORS preflight) with an `op` field,
// answered with a JSON envelope (Apps Script replies carry no status code).
import { handleApi } from './api.ts';
import { apiHandlers } from '../gas/api-wiring.ts';
import { jsonOutput } from '../gas/output.ts';
import { handleBotOp, isBotRequest } from '../gas/bot-wiring.ts';

export function handlePost(e: GoogleAppsScript.Events.DoPost): GoogleAppsScript.Content.TextOutput {
  const body = e?.postData?.contents ?? '';
  // The bot signs its requests itself (a web app gets no headers); everyone else speaks the user API.
  if (isBotRequest(body)) return jsonOutput(handleBotOp(body));
  return jsonOutput(handleApi(body, apiHandlers(Date.now()), (m) => console.error(m)));
}
