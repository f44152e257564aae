// The weekly summary: on the first run on or after Monday (a daily trigger at WEEKLY_HOUR), each group's lead
// chat gets last week's KPIs and top issues through the Outbox, and each lead by e-mail, in their language.
// It reads Daily through its index (services/reports/consolidated.ts), never Log.
//
// Cut-safety (Apps Script rolls nothing back), under the script lock:
//  - Telegram: one Outbox alert per group and week, id `weekly-<monday>-<group>`; an id already in the
//    Outbox (one TextFinder search each) is not written again, so a retry never doubles a message.
//  - E-mail cannot be taken back: each lead's address goes into Settings `weekly.mail` right after their mail
//    is sent, so a retry sends only to those not noted. A cut between a send and its note sends that one mail
//    twice; never none.
//  - Settings `weekly.sent` = the Monday of the last week fully delivered: the other days' runs stop there.
import type { ReferenceData } from '../store/reference.ts';
import type { Tables } from '../store/tables.ts';
import { TABS, columnIndex } from '../store/schema.ts';
import { languageOf } from '../domain/alerts.ts';
import { lastWeek, weeklySubject, weeklyText } from '../domain/reports/weekly.ts';
import { summaryOf } from '../domain/reports/summary.ts';
import { emptyMeasures } from '../domain/reports/measures.ts';
import { enqueueAlerts, type NewAlert, type OutboxIo } from './alerts.ts';
import { readConsolidated } from './reports/consolidated.ts';

export const WEEKLY_SENT_KEY = 'weekly.sent';
export const WEEKLY_MAIL_KEY = 'weekly.mail';

export interface WeeklyDeps {
  now: number;
  dateOf(ms: number): string;
  reference: ReferenceData;
  io: OutboxIo;
  openTables(): Tables;
  withLock<T>(work: () => T): T;
  sendMail(to: string, subject: string, body: string): void;
}

export interface WeeklyReport {
  week: { from: string; to: string };
  /** Already delivered for this week (a Tuesday-to-Sunday run). */
  done_before: boolean;
  telegram: number;
  mail: number;
}

export const weeklyAlertId = (monday: string, group: string) => `weekly-${monday}-${group}`;

export function weeklySummary(deps: WeeklyDeps): WeeklyReport {
  const today = deps.dateOf(deps.now);
  const week = lastWeek(today);
  return deps.withLock(() => {
    const tables = deps.openTables();
    const settings = tables.settings();
    if ((settings.get(WEEKLY_SENT_KEY) ?? '') >= week.from) return { week, done_before: true, telegram: 0, mail: 0 };
    const { employees, groups } = deps.reference;
    const people = new Map(employees.map((e) => [e.id, { id: e.id, name: e.name, group: e.group }]));
    const caps = new Map(groups.map((g) => [g.name, g.max_concurrent_breaks]));
    const days = readConsolidated(deps.io, settings, week.from, week.to).days;
    const summary = summaryOf(days, people, caps, { ...week, today, time_zone: tables.timeZone });
    const nameOf = new Map(employees.map((e) => [e.email, e.name]));
    const reports = groups.map((g) => {
      const row = summary.groups.find((x) => x.group === g.name) ?? { group: g.name, people: 0, max_concurrent_breaks: g.max_concurrent_breaks, ...emptyMeasures() };
      const mine = summary.rows.filter((r) => r.group === g.name);
      return { group: g, text: (lang: 'ru' | 'en') => weeklyText(row, mine, week, lang) };
    });

    // ---- Telegram, through the Outbox ----
    const alerts: NewAlert[] = [];
    for (const r of reports) {
      if (r.group.telegram_chat_id === '') continue;
      const id = weeklyAlertId(week.from, r.group.name);
      if (deps.io.port.findInColumn(TABS.Outbox.name, columnIndex('Outbox', 'alert_id') + 1, id).length > 0) continue;
      // A group chat is read by leads of either language: both, Russian first as in the violation alerts.
      alerts.push({ alert_id: id, kind: 'report', chat_id: r.group.telegram_chat_id, text: `${r.text('ru')}\n\n${r.text('en')}` });
    }
    const updates = enqueueAlerts(deps.io, alerts, settings, deps.now, deps.io.port.lastRow(TABS.Outbox.name) + 1);
    if (updates.size > 0) tables.setSettings(updates);

    // ---- e-mail, one lead at a time, each noted as soon as it is sent ----
    const noted = mailNoted(settings.get(WEEKLY_MAIL_KEY), week.from);
    let mail = 0;
    for (const r of reports) {
      for (const email of r.group.lead_emails) {
        const key = `${r.group.name} ${email}`;
        if (noted.has(key)) continue;
        const name = nameOf.get(email);
        const lang = name === undefined ? 'ru' : languageOf(name);
        deps.sendMail(email, weeklySubject(r.group.name, week, lang), r.text(lang));
        noted.add(key);
        mail++;
        tables.setSettings(new Map([[WEEKLY_MAIL_KEY, JSON.stringify({ week: week.from, sent: [...noted] })]]));
      }
    }
    tables.setSettings(new Map([[WEEKLY_SENT_KEY, week.from], [WEEKLY_MAIL_KEY, '']]));
    return { week, done_before: false, telegram: alerts.length, mail };
  });
}

function mailNoted(raw: string | undefined, monday: string): Set<string> {
  try {
    const v = JSON.parse(raw ?? '') as { week?: unknown; sent?: unknown };
    if (v.week === monday && Array.isArray(v.sent)) return new Set(v.sent.filter((x): x is string => typeof x === 'string'));
  } catch {
    // Blank or damaged: nothing noted for this week.
  }
  return new Set();
}
