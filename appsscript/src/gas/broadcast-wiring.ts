// The broadcasts' Apps Script side: MailApp for their e-mails, the signed push for their Telegram rows, and
// the step the checkBreaks trigger runs first (services/broadcast-delivery.ts deliverDueBroadcasts).
import type { RowIssue } from '../domain/model.ts';
import { openTables, type Tables } from '../store/tables.ts';
import { scheduleWindow, type ReferenceData } from '../store/reference.ts';
import { deliverDueBroadcasts, type DueReport, type MailPort } from '../services/broadcast-delivery.ts';
import type { AlertSender } from '../services/alerts.ts';
import { gasSheetPort } from './sheet-port.ts';
import { loadReference } from './reference-cache.ts';
import { calendarFor, type Calendar } from './calendar.ts';
import { spreadsheetTimeZone } from './environment.ts';
import { exclusive } from './api-wiring.ts';
import { lazy } from './lazy.ts';
import { botSharedSecret, urlFetchSender } from './alert-push.ts';
import { fewCallsCalendar } from './bot-wiring.ts';

const SENDER_NAME = 'WorkTimeTracker';

export const mailPort: MailPort = {
  remaining: () => MailApp.getRemainingDailyQuota(),
  send: (to, subject, body) => MailApp.sendEmail(to, subject, body, { name: SENDER_NAME }),
};

/** The push to the bot; a missing secret fails each alert with the reason (retried later), not the caller. */
export function broadcastSender(botUrl: string): AlertSender {
  return (alerts) => {
    const secret = botSharedSecret();
    if (!secret) throw new Error('bot_url is set but Script Property BOT_SHARED_SECRET is not: alerts cannot be signed / задан bot_url, но нет BOT_SHARED_SECRET');
    return urlFetchSender(botUrl, secret)(alerts);
  };
}

/**
 * The checkBreaks trigger's first step. Best effort: a failure is logged and left for the next run (what is
 * pending stays pending), so a broadcast can never stop the break checks.
 */
export function dueBroadcastsStep(now: number): DueReport | null {
  try {
    const report = runDueBroadcasts(now);
    if (report.enqueued + report.pushed + report.mailed > 0) console.log(`broadcasts: ${JSON.stringify(report)}`);
    return report;
  } catch (e) {
    console.error(`broadcasts: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}

export function runDueBroadcasts(now: number, o: { senderFor?: (botUrl: string) => AlertSender; mail?: MailPort } = {}): DueReport {
  const calendar = lazy<Calendar>(() => calendarFor(spreadsheetTimeZone()));
  const port = gasSheetPort();
  const onIssue = (i: RowIssue) => console.warn(`${i.tab} row ${i.row}, ${i.column}: ${i.message}`);
  const fresh = (): Tables => openTables(port, { timeZone: calendar().timeZone, formatDate: calendar().format, onIssue });
  const reference = lazy<ReferenceData>(() => loadReference(fresh(), scheduleWindow(calendar().dateOf(now))));
  const cal = lazy(() => fewCallsCalendar(calendar(), calendar().dateOf(now)));
  return deliverDueBroadcasts({
    now,
    io: { port, ctx: { formatDate: (ms, pattern) => calendar().format(ms, pattern) }, onIssue },
    openTables: fresh,
    withLock: exclusive,
    reference,
    dateOf: (ms) => cal().dateOf(ms),
    zonedTime: (d, t) => cal().zonedTime(d, t),
    senderFor: o.senderFor ?? broadcastSender,
    mail: o.mail ?? mailPort,
    onError: (m) => console.error(m),
  });
}
