// Replies of the web app: JSON envelopes through ContentService, pages through HtmlService.
import type { Envelope } from '../../../common/envelope.ts';

export function jsonOutput<T extends object>(body: Envelope<T>): GoogleAppsScript.Content.TextOutput {
  return ContentService.createTextOutput(JSON.stringify(body)).setMimeType(ContentService.MimeType.JSON);
}

/**
 * The employee page, inlined. On Google it runs in a googleusercontent iframe that cannot tell the web
 * app's own URL, so the URL is written into its meta tag here (not with a template: the minified page
 * contains "<?", which templates would take for scriptlets).
 */
export function employeePage(): GoogleAppsScript.HTML.HtmlOutput {
  const url = ScriptApp.getService().getUrl() ?? '';
  const html = HtmlService.createHtmlOutputFromFile('Employee').getContent().replace('%WTT_API_URL%', escapeAttribute(url));
  return HtmlService.createHtmlOutput(html)
    .setTitle('WorkTimeTracker')
    .addMetaTag('viewport', 'width=device-width, initial-scale=1')
    .setXFrameOptionsMode(HtmlService.XFrameOptionsMode.ALLOWALL);
}

function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
