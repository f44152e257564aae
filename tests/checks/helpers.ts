// A demo office for the checks tests: emulated Apps Script over an in-memory workbook, set up and seeded with
// the demo team for 2026-11-24 (Moscow, UTC+3 all year), the lead chat of support-l1 and a few personal chats
// linked, and helpers to record entries through the real sync path and to read the tabs back.
//
// Demo facts the tests rely on (domain/demo-team.ts): e001 Анна Иванова (support-l1) works 09:00-18:00 with a
// break at 11:00 (15 min), lunch 12:00 (60 min), a break at 16:00; support rules: break 15 min, grace 2,
// window ±15. e002 Дмитрий Петров leads support-l1, e003 Ольга Смирнова is the admin, e004 James Carter is an
// employee of support-l1, e014 Елена Морозова leads support-l2.
import { createHmac } from 'node:crypto';
import { installGasGlobals, type GasWorld } from '../helpers/gas-globals.ts';
import { tabRows } from '../helpers/tab-rows.ts';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { setup } from '../../appsscript/src/services/setup.ts';
import { seedDemoData } from '../../appsscript/src/services/demo-data.ts';
import { apiHandlers } from '../../appsscript/src/gas/api-wiring.ts';
import { invalidateReferenceCache } from '../../appsscript/src/gas/reference-cache.ts';
import { tokenSigningKey } from '../../appsscript/src/gas/secrets.ts';
import { hmacSha256 } from '../../appsscript/src/gas/crypto.ts';
import { signToken } from '../../appsscript/src/domain/token.ts';
import { canonicalJson } from '../../appsscript/src/domain/bot-auth.ts';
import { runCheckBreaks } from '../../appsscript/src/gas/bot-wiring.ts';
import type { TabName } from '../../appsscript/src/store/schema.ts';
import type { Alert, AlertReceipt } from '../../common/bot-api.ts';
import type { SyncReply } from '../../common/api.ts';
import type { AlertSender } from '../../appsscript/src/services/alerts.ts';

export const ZONE = 'Europe/Moscow';
export const DATE = '2026-11-24';
export const MIN = 60_000;
export const SECRET = 'test-shared-secret';
export const LEAD_CHAT = '-1001001';
export const ANNA_CHAT = '111';
export const LEAD_CHAT_PRIVATE = '222';
export const JAMES_CHAT = '444';
export const ADMIN_CHAT = '333';
export const ELENA_CHAT = '555';

/** An instant on DATE (or `date`) in Moscow, 'HH:mm'. */
export function at(time: string, date = DATE): number {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return Date.UTC(y, mo - 1, d, h - 3, mi);
}

export interface Office {
  world: GasWorld;
  /** Moves the emulated clock (caches expire on it) and starts a fresh execution. */
  moveTo(ms: number): number;
  /** Status changes of an employee through the real sync op, from device `dev-<id>`. */
  sync(employeeId: string, entries: { status: string; at: number }[], now?: number): void;
  /** The tab's rows below the header as records (column name -> cell as read). */
  rows(tab: TabName): Record<string, unknown>[];
  setSetting(key: string, value: string): void;
}

/**
 * `checking` (default true): checkBreaks has been running since 07:55, as its trigger would; its very first
 * run only catches up (it alerts nobody about what happened before it).
 */
export function office(o: { linkChats?: boolean; checking?: boolean } = {}): Office {
  const world = installGasGlobals({ timeZone: ZONE });
  world.clock.set(at('07:55'), { frozen: true });
  const port = gasSheetPort();
  setup(port);
  seedDemoData(port, DATE);
  tokenSigningKey();
  PropertiesService.getScriptProperties().setProperty('BOT_SHARED_SECRET', SECRET);
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (o.linkChats !== false) {
    // Groups row 2 is support-l1 (telegram_chat_id is column 3); Employees e00N is row N+1 (column 7).
    ss.getSheetByName('Groups')!.getRange(2, 3).setValues([[`'${LEAD_CHAT}`]]);
    const employees = ss.getSheetByName('Employees')!;
    for (const [row, chat] of [[2, ANNA_CHAT], [3, LEAD_CHAT_PRIVATE], [4, ADMIN_CHAT], [5, JAMES_CHAT], [15, ELENA_CHAT]] as const) {
      employees.getRange(row, 7).setValues([[`'${chat}`]]);
    }
  }
  invalidateReferenceCache();
  if (o.checking !== false) {
    world.newExecution();
    runCheckBreaks(at('07:55'));
  }
  world.clock.set(at('08:00'), { frozen: true });
  world.newExecution();
  const seqs = new Map<string, number>();
  const moveTo = (ms: number) => {
    world.clock.set(ms, { frozen: true });
    world.newExecution();
    return ms;
  };
  return {
    world,
    moveTo,
    sync(employeeId, entries, now = world.clock.now()) {
      syncThroughApi(seqs, employeeId, entries, now);
      world.newExecution();
    },
    rows: (tab) => tabRows(tab, ss),
    setSetting(key, value) {
      const sheet = ss.getSheetByName('Settings')!;
      sheet.getRange(sheet.getLastRow() + 1, 1, 1, 2).setValues([[`'${key}`, `'${value}`]]);
    },
  };
}

/** A sender standing in for the bot: records what it got and answers per alert as `answer` says. */
export function fakeBot(answer: (a: Alert) => AlertReceipt = (a) => ({ alert_id: a.alert_id, delivered: true })) {
  const got: Alert[] = [];
  const sender: AlertSender = (alerts) => {
    got.push(...alerts);
    return alerts.map(answer);
  };
  return { got, senderFor: () => sender };
}

export const nodeHmacHex = (data: string, key: string): string => createHmac('sha256', key).update(data, 'utf8').digest('hex');

let nonceSeq = 0;

/** A bot request as the bot signs it: ts, a fresh nonce, sig over the canonical body. */
export function signedBody(fields: Record<string, unknown>, o: { ts: number; secret?: string; nonce?: string }): string {
  const body: Record<string, unknown> = { ...fields, ts: o.ts, nonce: o.nonce ?? `nonce-${Date.now().toString(36)}-${++nonceSeq}` };
  body.sig = nodeHmacHex(canonicalJson(body), o.secret ?? SECRET);
  return JSON.stringify(body);
}

/**
 * Status changes of an employee through the real sync op, as the page sends them: device `dev-<id>`, seqs
 * numbered on from what `seqs` remembers per device. Every entry must be accepted.
 */
export function syncThroughApi(seqs: Map<string, number>, employeeId: string, entries: { status: string; at: number }[], now: number): SyncReply {
  const deviceId = `dev-${employeeId}`;
  const token = signToken({ employeeId, deviceId, expiresAt: now + 24 * 3600_000, tokenVersion: 0 }, tokenSigningKey(), hmacSha256);
  const first = seqs.get(deviceId) ?? 0;
  seqs.set(deviceId, first + entries.length);
  const reply = apiHandlers(now).sync({
    op: 'sync',
    token,
    device_id: deviceId,
    sent_at: now,
    entries: entries.map((e, i) => ({ seq: first + i + 1, entry_id: `${deviceId}-${first + i + 1}`, status: e.status, at: e.at })),
  }) as SyncReply;
  if (reply.results.some((r) => r.result !== 'accepted')) throw new Error(`sync refused: ${JSON.stringify(reply.results)}`);
  return reply;
}
