// MailApp facade: validates the message as Apps Script does and hands it to the host's mailbox.
import type { FacadeContext } from '../runtime/contracts.ts';
import type { OutgoingMail } from '../host/mail.ts';

export const NO_RECIPIENT = 'Failed to send email: no recipient';

/** One address: local@domain, optionally as "Name <local@domain>". */
const ADDRESS = /^(?:[^<>]*<\s*)?[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;".]+\s*>?$/;

type MailAppApi = Pick<GoogleAppsScript.Mail.MailApp, 'sendEmail' | 'getRemainingDailyQuota'>;
type Options = GoogleAppsScript.Mail.MailAdvancedParameters;

export function createMailApp(ctx: FacadeContext): MailAppApi {
  /** "Comma-separated list of email addresses"; an invalid one fails the whole send. */
  const addresses = (list: unknown): string[] => {
    if (list === undefined || list === null) return [];
    const out: string[] = [];
    for (const raw of String(list).split(',')) {
      const a = raw.trim();
      if (!a) continue;
      if (!ADDRESS.test(a)) ctx.fail(`Invalid email: ${a}`);
      out.push(a);
    }
    return out;
  };

  const optional = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));

  const compose = (to: unknown, subject: unknown, body: unknown, o: Options & { to?: unknown }): OutgoingMail => {
    const mail: OutgoingMail = {
      to: addresses(to),
      cc: addresses(o.cc),
      bcc: addresses(o.bcc),
      subject: optional(subject) ?? '',
      body: optional(body) ?? '',
      htmlBody: optional(o.htmlBody),
      name: optional(o.name),
      replyTo: o.replyTo === undefined || o.replyTo === null ? undefined : addresses(o.replyTo).join(','),
      noReply: o.noReply === true,
    };
    if (mail.to.length + mail.cc.length + mail.bcc.length === 0) ctx.fail(NO_RECIPIENT);
    return mail;
  };

  return {
    /**
     * reference/mail/mail-app#sendEmail: (message), (recipient, subject, body), (recipient, subject,
     * body, options) and (to, replyTo, subject, body).
     */
    sendEmail(...args: unknown[]): void {
      let mail: OutgoingMail;
      if (args.length === 1 && args[0] !== null && typeof args[0] === 'object') {
        const m = args[0] as Options;
        mail = compose(m.to, m.subject, m.body, m);
      } else if (args.length === 4 && typeof args[3] === 'string') {
        mail = compose(args[0], args[2], args[3], { replyTo: args[1] as string });
      } else if (args.length === 3 || args.length === 4) {
        const o = (args[3] ?? {}) as Options;
        if (typeof o !== 'object') ctx.fail(`The parameters (${args.map((a) => typeof a).join(',')}) don't match the method signature for MailApp.sendEmail.`);
        mail = compose(args[0], args[1], args[2], o);
      } else {
        return ctx.fail(`The parameters (${args.map((a) => typeof a).join(',')}) don't match the method signature for MailApp.sendEmail.`);
      }
      ctx.meter.count('MailApp.sendEmail');
      ctx.port.call('mail', 'send', [mail]);
    },

    /** "the number of remaining emails a user can send for the rest of the day". */
    getRemainingDailyQuota(): number {
      ctx.meter.count('MailApp.getRemainingDailyQuota');
      return ctx.port.call<number>('mail', 'remaining', []);
    },
  };
}
