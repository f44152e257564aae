// The login code by email (MailApp), in Russian and English: the team reads either.
import type { CodeChannel, CodeDelivery } from '../services/login.ts';
import type { AlertSender } from '../services/alerts.ts';

export const LOGIN_MAIL_SUBJECT = 'WorkTimeTracker: код входа / login code';
const SENDER_NAME = 'WorkTimeTracker';

/** The text of the mail. The code stays out of the subject, which lock screens and mail lists show. */
export function loginCodeMailBody(code: string, expiresInS: number): string {
  const minutes = Math.max(1, Math.round(expiresInS / 60));
  return [
    `Ваш код входа в WorkTimeTracker: ${code}`,
    `Код действует ${minutes} мин. и подходит только один раз. Если вы не запрашивали вход, просто проигнорируйте это письмо.`,
    '',
    `Your WorkTimeTracker login code: ${code}`,
    `It is valid for ${minutes} min and works once. If you did not ask to sign in, ignore this email.`,
  ].join('\n');
}

export function sendLoginCodeEmail(to: string, code: string, expiresInS: number): void {
  MailApp.sendEmail(to, LOGIN_MAIL_SUBJECT, loginCodeMailBody(code, expiresInS), { name: SENDER_NAME });
}

/** A report to a lead (the weekly summary): plain text. */
export function sendReportMail(to: string, subject: string, body: string): void {
  MailApp.sendEmail(to, subject, body, { name: SENDER_NAME });
}

/** The email CodeChannel of the login service. */
export const emailCodeChannel: CodeChannel = {
  kind: 'email',
  send(d: CodeDelivery): void {
    sendLoginCodeEmail(d.employee.email, d.code, d.expiresInS);
  },
};

/**
 * Sends e-mail alerts (Outbox rows with a 'mailto:' target, written by the notification rules): one mail
 * each, its subject the alert's first line. A mail MailApp refuses is a failed receipt, retried like a
 * Telegram alert; the others go on.
 */
export const mailAlertSender: AlertSender = (alerts) =>
  alerts.map((a) => {
    try {
      const [first, ...rest] = a.text.split('\n');
      MailApp.sendEmail(a.chat_id.replace(/^mailto:/, ''), `WorkTimeTracker: ${first.slice(0, 120)}`, [first, ...rest].join('\n'), { name: SENDER_NAME });
      return { alert_id: a.alert_id, delivered: true };
    } catch (e) {
      return { alert_id: a.alert_id, delivered: false, error: e instanceof Error ? e.message : String(e) };
    }
  });
