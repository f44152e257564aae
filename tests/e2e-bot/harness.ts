// The whole product on loopback for the bot's end-to-end tests: the compiled bundle in the local runtime
// with its HTTP server (a fresh demo workbook, as `npm start` makes), a fake Telegram Bot API server, and
// the real bot (createBot) pointed at both, wired the way scripts/local-bot.ts wires `npm start`:
// the shared secret lives in the runtime's Script Properties, the bot's clock is the runtime's clock.
// The clock is frozen, so the test decides what time it is for the script and the bot alike.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { User } from 'grammy/types';
import { Clock } from '../../emulator/clock.ts';
import { fromWallMs, toWallMs } from '../../emulator/model/timezone.ts';
import type { CellValue } from '../../emulator/model/types.ts';
import { BOT_SECRET_PROPERTY } from '../../emulator/server/bootstrap.ts';
import { createBot, type BotApp } from '../../bot/create-bot.ts';
import type { Logger } from '../../bot/log.ts';
import { appendRecords, headerOf, readRecords, sheetNamed, type TabRecord } from '../../bench/lib/workbook.ts';
import { FakeTelegram, type ChatRef } from '../bot/fake-telegram.ts';
import { startProductServer, type ProductServer } from '../integration/server-harness.ts';

const DAY_MS = 24 * 3600_000;

/** What the bot logged, so a test can show it when something goes wrong. */
export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
}

export interface EndToEnd {
  server: ProductServer;
  tg: FakeTelegram;
  bot: BotApp;
  /** The bot's alert intake, as Settings bot_url would name it. */
  intakeUrl: string;
  /** The date the demo workbook was seeded for (the spreadsheet's time zone). */
  today: string;
  botLog: LogLine[];
  /** Epoch ms of `HH:mm` on `date` in the spreadsheet's time zone. */
  at(time: string, date?: string): number;
  /** Sets the (frozen) clock of the script and the bot. */
  setClock(ms: number): void;
  /** Runs a global of the bundle as a trigger would; returns its JSON result, throws its error. */
  run<T = any>(fn: string, args?: unknown[], kind?: 'trigger' | 'simple'): Promise<T>;
  /** Rows of a tab as { column: value }, straight from the workbook. */
  tab(name: string): TabRecord[];
  /** An admin's edit of one cell (then onEdit, as Sheets runs it): the row whose `keyColumn` is `key`. */
  editCell(tabName: string, keyColumn: string, key: string, column: string, value: CellValue): Promise<void>;
  /** An admin adds a Settings row (then onEdit). */
  addSetting(key: string, value: string): Promise<void>;
  /** login.start, the code from the runtime's mailbox, login.finish: the session token. */
  signIn(email: string, deviceId: string): Promise<string>;
  /** The real linking flow: link.code on the employee page, then `/start CODE` in the user's private chat. */
  linkChat(user: User, token: string): Promise<void>;
  /** Texts the bot sent to a chat (sendMessage calls, in order), from call number `since` on. */
  sentTo(chatId: number, since?: number): string[];
  close(): Promise<void>;
}

export async function startEndToEnd(): Promise<EndToEnd> {
  // Frozen from the start: the demo is seeded for the clock's date, and nothing moves unless the test says.
  const clock = new Clock();
  clock.set(Date.now(), { frozen: true });
  const server = await startProductServer({ clock });
  const { runtime } = server;
  const tz = runtime.timeZone;
  const secret = randomBytes(32).toString('hex');
  runtime.host.state.update((d) => (d.scriptProperties[BOT_SECRET_PROPERTY] = secret));

  const tg = await FakeTelegram.start();
  const botLog: LogLine[] = [];
  const log: Logger = {
    info: (message) => botLog.push({ level: 'info', message }),
    warn: (message) => botLog.push({ level: 'warn', message }),
    error: (message, err) => botLog.push({ level: 'error', message: err === undefined ? message : `${message}: ${String(err)}` }),
  };
  const botDir = mkdtempSync(join(tmpdir(), 'wtt-e2e-bot-'));
  const bot = createBot(
    {
      token: tg.token,
      webAppUrl: `${server.base}/exec`,
      sharedSecret: secret,
      port: 0,
      host: '127.0.0.1',
      dataDir: botDir,
      apiRoot: tg.apiRoot,
      // The test pulls by hand (puller.pullOnce()); the timer is never started.
      pullIntervalMs: 60_000,
      pullLimit: 50,
    },
    { log, now: () => clock.now() },
  );
  await bot.bot.init();
  const intake = await bot.intake.listen(0, '127.0.0.1');
  void bot.bot.start();

  const store = runtime.deps.workbooks;
  const wallMidnight = Math.floor(toWallMs(clock.now(), tz) / DAY_MS) * DAY_MS;
  const today = new Date(wallMidnight).toISOString().slice(0, 10);

  const run = async <T>(fn: string, args: unknown[] = [], kind: 'trigger' | 'simple' = 'trigger'): Promise<T> => {
    const r = await runtime.run(fn, args, { kind });
    if (r.error) throw new Error(`${fn}: ${r.error.name}: ${r.error.message}`);
    return (r.result?.kind === 'json' ? JSON.parse(r.result.json) : undefined) as T;
  };

  const e2e: EndToEnd = {
    server,
    tg,
    bot,
    intakeUrl: `http://127.0.0.1:${intake.port}`,
    today,
    botLog,
    at(time, date = today) {
      const [h, m] = time.split(':').map(Number);
      const [y, mo, d] = date.split('-').map(Number);
      return fromWallMs(Date.UTC(y, mo - 1, d, h, m), tz);
    },
    setClock: (ms) => clock.set(ms, { frozen: true }),
    run,
    tab: (name) => readRecords(store, name),
    async editCell(tabName, keyColumn, key, column, value) {
      const sheet = sheetNamed(store, tabName);
      const header = headerOf(sheet);
      const keyAt = header.indexOf(keyColumn);
      const col = header.indexOf(column);
      if (keyAt < 0 || col < 0) throw new Error(`${tabName} has no column ${keyAt < 0 ? keyColumn : column}`);
      const index = sheet.rows.findIndex((r, i) => i > 0 && String(r[keyAt]) === key);
      if (index < 0) throw new Error(`${tabName} has no row with ${keyColumn} = ${key}`);
      store.apply({ t: 'setValues', ss: store.activeId, sheetId: sheet.id, row: index + 1, col: col + 1, values: [[value]] });
      await run('onEdit', [], 'simple'); // Sheets runs the simple trigger after a hand edit: it invalidates cached reference data
    },
    async addSetting(key, value) {
      appendRecords(store, 'Settings', 1, () => ({ key, value }));
      await run('onEdit', [], 'simple');
    },
    async signIn(email, deviceId) {
      const started = await server.api({ op: 'login.start', email, device_id: deviceId });
      if (!started.ok) throw new Error(`login.start ${email}: ${JSON.stringify(started)}`);
      const mail = runtime.deps.mailbox.filter((m) => m.to === email).at(-1);
      const code = mail && /\b(\d{6})\b/.exec(mail.body)?.[1];
      if (!code) throw new Error(`no login code mailed to ${email}`);
      const done = await server.api({ op: 'login.finish', email, code, device_id: deviceId });
      if (!done.ok) throw new Error(`login.finish ${email}: ${JSON.stringify(done)}`);
      return done.token as string;
    },
    async linkChat(user, token) {
      const issued = await server.api({ op: 'link.code', token });
      if (!issued.ok) throw new Error(`link.code: ${JSON.stringify(issued)}`);
      const before = tg.messages(user.id).length;
      tg.userSays(user, `/start ${issued.code as string}`);
      const reply = await tg.waitFor(() => tg.messages(user.id)[before], 15_000);
      if (!/linked|привязан/.test(reply.text)) throw new Error(`/start ${issued.code as string} answered: ${reply.text}`);
    },
    sentTo(chatId, since = 0) {
      return tg.calls.slice(since).filter((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === chatId).map((c) => String(c.payload.text));
    },
    async close() {
      await bot.stop();
      await tg.close();
      await server.close();
      rmSync(botDir, { recursive: true, force: true });
      rmSync(server.dataDir, { recursive: true, force: true });
    },
  };
  return e2e;
}

/** The chat id the bot answers to `/start` in a group chat (what an admin copies into the Groups tab). */
export async function groupChatIdFromBot(e2e: EndToEnd, user: User, chat: ChatRef): Promise<string> {
  const before = e2e.tg.messages(chat.id).length;
  e2e.tg.userSays(user, '/start', chat);
  const reply = await e2e.tg.waitFor(() => e2e.tg.messages(chat.id)[before], 15_000);
  const id = /(-?\d{5,})/.exec(reply.text)?.[1];
  if (!id) throw new Error(`/start in the group answered without an id: ${reply.text}`);
  return id;
}

/** A Schedule row's breaks cell ("break 11:00 15; lunch 12:00 60") as planned breaks. */
export function plannedBreaks(cell: string): { status: string; start: string; minutes: number }[] {
  return cell
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .filter((p) => p.length === 3)
    .map(([status, start, minutes]) => ({ status, start, minutes: Number(minutes) }));
}

/** 'HH:mm' plus minutes (within the day). */
export function addMinutes(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number);
  const t = h * 60 + m + minutes;
  return `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
}
