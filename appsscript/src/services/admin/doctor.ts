// The doctor: everything that has to be right for the product to work, checked in one go, each problem with
// what fixes it (a screen of the console or an item of the menu). What it looks at: the schema version of
// every tab against schema.ts, the triggers installed and their last runs, the web-app URL, the bot (its
// settings, and when a chat is given, a test message through the very push the alerts use), MailApp's quota
// for the day, and every row of the hand-edited tabs that cannot be used (the Health screen's list). Never
// Log, and six sheet calls at most: the guard's owner lookup, Settings, and Employees, Groups, Statuses and
// Rules read fresh from the tabs. The Schedule's rows come from the reference cache instead (every save
// and every hand edit drops it, so it is the tab as it is): Schedule is the one reference tab that grows
// with time, and reading it whole would be the doctor's largest read and a seventh call. The rest is Apps
// Script's own facts, which gas/doctor-facts.ts gathers.
import type { AdminParsed, AdminReplies, DoctorCheck } from '../../../../common/admin-api.ts';
import { TAB_ORDER, TABS, type TabName } from '../../store/schema.ts';
import type { RowIssue } from '../../domain/model.ts';
import { crossCheck, scheduleWindow } from '../../store/reference.ts';
import type { RowsRead } from '../../store/tables.ts';
import { MissingTab, HeaderMismatch } from '../../store/errors.ts';
import { ruPlural } from '../../../../common/rule-text.ts';
import { versionKey } from '../setup.ts';
import { readServiceState, SERVICE_CHECK_EVERY_MS } from '../service-alerts.ts';
import { TRIGGER_TIME_SHARE } from '../../domain/service-alerts.ts';
import { DEFAULT_NOTIFY_RULES } from '../../../../common/notify-rules.ts';
import type { AdminDeps } from './deps.ts';

/** What a time-driven trigger records about its latest run (gas/doctor-facts.ts recordTriggerRun). */
export interface TriggerRun {
  at: number;
  ok: boolean;
  /** Why it failed, shortened. */
  error?: string;
  /** How long the run took (ms), and the day's total of this handler's runs (day: UTC 'yyyy-MM-dd'). */
  ms?: number;
  day?: string;
  day_ms?: number;
}

/** What the doctor needs from Apps Script besides the tabs (gas/doctor-facts.ts gathers it). */
export interface DoctorFacts {
  triggers: {
    /** What installTriggers would make now from the settings: the handler, its schedule, how often it runs. */
    wanted: { handler: string; schedule: string; everyMs: number }[];
    /** The project's triggers as ScriptApp.getProjectTriggers lists them. */
    installed: { handler: string; id: string }[];
    /** What installTriggers recorded it made, by handler (its trigger id and schedule). */
    made: Record<string, { id: string; spec: string }>;
    /** The latest run each handler recorded, by handler. */
    runs: Record<string, TriggerRun>;
  };
  /** ScriptApp.getService().getUrl(); null when the script is not deployed as a web app. */
  webAppUrl: string | null;
  /** MailApp.getRemainingDailyQuota(); null when Apps Script would not say. */
  mailQuota: number | null;
  bot: {
    /** Settings bot_url ('' when alerts are only pulled by the bot). */
    url: string;
    /** Script Property BOT_SHARED_SECRET is set. */
    secretSet: boolean;
    /** The test message, when a chat was given: delivered, or why not. */
    test: { chatId: string; delivered: boolean; error?: string } | null;
  };
  /** For the service alerts' checks (gas/service-facts.ts); absent: those checks are not shown. */
  service?: {
    /** The day's trigger run time recorded so far, and the day's quota (ms). */
    triggerMsToday: number;
    triggerQuotaMs: number;
    /** Since when every push to bot_url has failed, and why (null: not failing). */
    pushFailSince: number | null;
    pushError: string;
    /** The bot's latest pull in the script cache (null: none there). */
    lastPullAt: number | null;
  };
}

type Text = { ru: string; en: string };
const t = (en: string, ru: string): Text => ({ en, ru });

const FIX_SETUP = { action: 'setupFromMenu', ...t('Menu: Set up the spreadsheet', 'Меню: Настроить таблицу') };
const FIX_TRIGGERS = { action: 'installTriggersFromMenu', ...t('Menu: Install triggers', 'Меню: Установить триггеры') };
const FIX_SETTINGS = { screen: 'Settings', ...t('Open Settings', 'Откройте «Настройки»') };
/** Where each hand-edited tab's rows are put right. */
const FIX_ROWS: Partial<Record<TabName, DoctorCheck['fix']>> = {
  Employees: { screen: 'People', ...t('Open People', 'Откройте «Сотрудники»') },
  Groups: { screen: 'Groups', ...t('Open Groups', 'Откройте «Группы»') },
  Statuses: { screen: 'Statuses', ...t('Open Statuses', 'Откройте «Статусы»') },
  Rules: { screen: 'Rules', ...t('Open Break rules', 'Откройте «Правила перерывов»') },
  Schedule: t('Correct the rows in the Schedule tab', 'Исправьте строки во вкладке Schedule'),
};
/** At most this many rows are listed per tab; the count says how many more. */
const LISTED_ISSUES = 5;
/** A run this much later than its trigger's period is overdue (the platform may start a run minutes late). */
const LATE_FACTOR = 2;
/** Below this many emails left today, login codes by email may run out. */
const LOW_MAIL_QUOTA = 20;

export function runDoctor(deps: AdminDeps, req: AdminParsed<'doctor.run'>): AdminReplies['doctor.run'] {
  const tables = deps.tables();
  const settings = tables.settings();
  const facts = deps.doctorFacts({ testChatId: req.test_chat_id === '' ? undefined : req.test_chat_id, settings, now: deps.now });
  return {
    checks: [schemaCheck(deps, settings), ...triggerChecks(deps.now, facts), webAppCheck(facts), ...botChecks(facts), mailCheck(facts), ...serviceChecks(deps.now, facts, settings), ...rowChecks(deps)],
    at: deps.now,
  };
}

function schemaCheck(deps: AdminDeps, settings: ReadonlyMap<string, string>): DoctorCheck {
  const problems: Text[] = [];
  let newer = false;
  for (const tab of TAB_ORDER) {
    const want = TABS[tab].version;
    const recorded = Number(settings.get(versionKey(tab)));
    if (!deps.port.hasTab(TABS[tab].name)) problems.push(t(`${tab}: missing`, `${tab}: вкладки нет`));
    else if (!Number.isInteger(recorded) || recorded < 1) problems.push(t(`${tab}: no version recorded (v${want} expected)`, `${tab}: версия не записана (нужна v${want})`));
    else if (recorded < want) problems.push(t(`${tab}: v${recorded}, v${want} expected`, `${tab}: v${recorded}, нужна v${want}`));
    else if (recorded > want) {
      newer = true;
      problems.push(t(`${tab}: v${recorded} is newer than this script (v${want})`, `${tab}: v${recorded} новее этого скрипта (v${want})`));
    }
  }
  if (problems.length === 0) {
    return { id: 'schema', state: 'ok', title: t('Tabs and their versions', 'Вкладки и их версии'), detail: t(`All ${TAB_ORDER.length} tabs are at their versions`, `Все ${TAB_ORDER.length} вкладок в актуальной версии`) };
  }
  // A sheet newer than the script is fixed by deploying the newer script, not by Set up.
  return {
    id: 'schema',
    state: 'fail',
    title: t('Tabs and their versions', 'Вкладки и их версии'),
    detail: join(problems),
    fix: newer ? t('Deploy the latest version of the script (docs/deploying.md)', 'Разверните последнюю версию скрипта (docs/deploying.md)') : FIX_SETUP,
  };
}

function triggerChecks(now: number, facts: DoctorFacts): DoctorCheck[] {
  const { wanted, installed, made, runs } = facts.triggers;
  const title = t('Triggers', 'Триггеры');
  const problems: Text[] = [];
  for (const w of wanted) {
    const mine = installed.filter((i) => i.handler === w.handler);
    const ru = scheduleRu(w.schedule);
    if (mine.length === 0) problems.push(t(`${w.handler}: not installed`, `${w.handler}: не установлен`));
    else if (mine.length > 1) problems.push(t(`${w.handler}: installed ${mine.length} times`, `${w.handler}: установлен ${mine.length} ${ruPlural(mine.length, 'раз', 'раза', 'раз')}`));
    else if (made[w.handler]?.id !== mine[0].id || made[w.handler]?.spec !== w.schedule) {
      problems.push(t(`${w.handler}: not on its schedule (${w.schedule})`, `${w.handler}: не по своему расписанию (${ru})`));
    }
  }
  const installedCheck: DoctorCheck =
    problems.length === 0
      ? { id: 'triggers', state: 'ok', title, detail: join(wanted.map((w) => t(`${w.handler}: ${w.schedule}`, `${w.handler}: ${scheduleRu(w.schedule)}`))) }
      : { id: 'triggers', state: 'fail', title, detail: join(problems), fix: FIX_TRIGGERS };
  const runChecks = wanted.map((w): DoctorCheck => {
    const run = runs[w.handler];
    const id = `trigger_run.${w.handler}`;
    const runTitle = t(`Last run of ${w.handler}`, `Последний запуск ${w.handler}`);
    const isInstalled = installed.some((i) => i.handler === w.handler);
    if (!run) {
      return {
        id,
        state: 'warn',
        title: runTitle,
        detail: !isInstalled
          ? t('It has never run: it is not installed', 'Ни разу не запускался: он не установлен')
          : /^every /.test(w.schedule)
            ? t(`It has not run yet (it runs ${w.schedule})`, `Ещё не запускался (запускается ${scheduleRu(w.schedule)})`)
            : t('It has not run yet (a daily trigger first runs at its hour)', 'Ещё не запускался (ежедневный — в свой час)'),
        ...(isInstalled ? {} : { fix: FIX_TRIGGERS }),
      };
    }
    const ago = agoText(now - run.at);
    if (!run.ok) {
      return {
        id,
        state: 'fail',
        title: runTitle,
        detail: t(`Failed ${ago.en}: ${run.error ?? 'no reason recorded'}`, `Сбой ${ago.ru}: ${run.error ?? 'причина не записана'}`),
        fix: t('Fix the cause named above; the next run retries', 'Устраните названную причину; следующий запуск повторит работу'),
      };
    }
    if (now - run.at > LATE_FACTOR * w.everyMs) {
      return {
        id,
        state: 'warn',
        title: runTitle,
        detail: t(`Last ran ${ago.en}, but it should run ${w.schedule}`, `Последний раз ${ago.ru}, а должен: ${scheduleRu(w.schedule)}`),
        // Runs stopped without a failure recorded: the trigger is gone or disabled, or runs are killed at 6 minutes.
        fix: FIX_TRIGGERS,
      };
    }
    return { id, state: 'ok', title: runTitle, detail: t(`Ran ${ago.en}`, `Запускался ${ago.ru}`) };
  });
  return [installedCheck, ...runChecks];
}

function webAppCheck(facts: DoctorFacts): DoctorCheck {
  const title = t('Web app', 'Веб-приложение');
  if (!facts.webAppUrl) {
    return {
      id: 'web_app',
      state: 'fail',
      title,
      detail: t('The script is not deployed as a web app: employees have no page to sign in to', 'Скрипт не развёрнут как веб-приложение: сотрудникам негде войти'),
      fix: t('Deploy > New deployment > Web app (docs/deploying.md)', 'Развернуть > Новое развёртывание > Веб-приложение (docs/deploying.md)'),
    };
  }
  return { id: 'web_app', state: 'ok', title, detail: t(facts.webAppUrl, facts.webAppUrl) };
}

function botChecks(facts: DoctorFacts): DoctorCheck[] {
  const { url, secretSet, test } = facts.bot;
  const title = t('Telegram bot', 'Telegram-бот');
  const out: DoctorCheck[] = [];
  if (!secretSet) {
    out.push({
      id: 'bot',
      state: 'fail',
      title,
      detail: t('BOT_SHARED_SECRET is not set: the bot can neither pull alerts nor be pushed to', 'Не задан BOT_SHARED_SECRET: бот не может ни забирать оповещения, ни получать их'),
      fix: FIX_SETTINGS,
    });
  } else if (url === '') {
    out.push({ id: 'bot', state: 'ok', title, detail: t('No bot_url: the bot pulls alerts from the Outbox itself', 'bot_url не задан: бот сам забирает оповещения из Outbox') });
  } else {
    out.push({ id: 'bot', state: 'ok', title, detail: t(`Alerts are pushed to ${url}`, `Оповещения отправляются на ${url}`) });
  }
  if (test) {
    const testTitle = t(`Test message to chat ${test.chatId}`, `Тестовое сообщение в чат ${test.chatId}`);
    if (test.delivered) {
      out.push({ id: 'bot_test', state: 'ok', title: testTitle, detail: t('Delivered: the bot is reachable and its token works', 'Доставлено: бот доступен, токен действует') });
    } else {
      const reason = test.error ?? 'no reason given';
      // Unreachable or refused by the bot: its address or the shared secret; refused by Telegram: the token or the chat.
      const atBot = url === '' || !secretSet || /^(bot unreachable|HTTP \d+|the bot answered)/.test(reason);
      out.push({
        id: 'bot_test',
        state: 'fail',
        title: testTitle,
        detail: t(`Not delivered: ${halfOf(reason, 'en')}`, `Не доставлено: ${halfOf(reason, 'ru')}`),
        fix: atBot
          ? FIX_SETTINGS
          : t('Check TELEGRAM_BOT_TOKEN where the bot runs, and that the bot is in that chat', 'Проверьте TELEGRAM_BOT_TOKEN там, где работает бот, и что бот есть в этом чате'),
      });
    }
  }
  return out;
}

function mailCheck(facts: DoctorFacts): DoctorCheck {
  const title = t('Email quota today', 'Лимит писем на сегодня');
  const left = facts.mailQuota;
  if (left === null) return { id: 'mail_quota', state: 'warn', title, detail: t('Apps Script did not say', 'Apps Script не ответил') };
  const detail = t(`${left} emails left`, `Осталось писем: ${left}`);
  if (left <= 0) {
    return { id: 'mail_quota', state: 'fail', title, detail: t(`${detail.en}: login codes go by Telegram only until tomorrow`, `${detail.ru}: коды входа до завтра только через Telegram`) };
  }
  return { id: 'mail_quota', state: left < LOW_MAIL_QUOTA ? 'warn' : 'ok', title, detail };
}

// ---- the service alerts' findings (services/service-alerts.ts) ----

/** The backlog age the default rule alerts at, when no sync_backlog rule is found in the defaults. */
const BACKLOG_MINUTES = DEFAULT_NOTIFY_RULES.find((r) => r.when === 'sync_backlog')?.minutes ?? 30;
const BOT_MINUTES = DEFAULT_NOTIFY_RULES.find((r) => r.when === 'bot_unreachable')?.minutes ?? 30;
const FIX_BOT = t('Check that the bot runs and that bot_url and BOT_SHARED_SECRET match it (docs/bot.md)', 'Проверьте, что бот запущен и что bot_url и BOT_SHARED_SECRET совпадают с его настройками (docs/bot.md)');

/**
 * The service alerts' checks, from what the last check kept in Settings (the devices' backlogs: no read of
 * Devices here) and Apps Script's facts (the day's trigger time, the bot's pushes and pulls). A trigger that
 * stopped is the "Last run of" checks above.
 */
function serviceChecks(now: number, facts: DoctorFacts, settings: ReadonlyMap<string, string>): DoctorCheck[] {
  if (!facts.service) return [];
  const s = facts.service;
  const out: DoctorCheck[] = [];
  const state = readServiceState(settings);

  const backlogTitle = t('Entries waiting on devices', 'Неотправленные записи на устройствах');
  if (!state) {
    out.push({ id: 'sync_backlog', state: 'warn', title: backlogTitle, detail: t('Not checked yet: checkBreaks checks every 10 minutes', 'Ещё не проверялось: checkBreaks проверяет раз в 10 минут') });
  } else {
    const over = state.backlogs.filter((b) => state.at - b.oldest_at >= BACKLOG_MINUTES * 60_000);
    const checked = agoText(now - state.at);
    if (over.length === 0) {
      out.push({
        id: 'sync_backlog',
        state: now - state.at > 3 * SERVICE_CHECK_EVERY_MS ? 'warn' : 'ok',
        title: backlogTitle,
        detail: t(`No device has had an entry waiting ${BACKLOG_MINUTES} min (checked ${checked.en})`, `Ни у одного устройства запись не ждёт ${BACKLOG_MINUTES} мин (проверено ${checked.ru})`),
      });
    } else {
      const lines = over.slice(0, LISTED_ISSUES).map((b) => {
        const age = agoText(state.at - b.oldest_at);
        return t(`${b.device_id} (${b.employee_id}): ${b.count} waiting, the oldest made ${age.en}`, `${b.device_id} (${b.employee_id}): ждут ${b.count}, самая старая сделана ${age.ru}`);
      });
      const more = over.length - lines.length;
      out.push({
        id: 'sync_backlog',
        state: 'warn',
        title: backlogTitle,
        detail: join(more > 0 ? [...lines, t(`and ${more} more`, `и ещё ${more}`)] : lines),
        fix: t(
          'Ask the person to open the page online; if the entries stay, to sign out and in again on that device',
          'Попросите сотрудника открыть страницу при подключении; если записи не уходят — выйти и войти снова на этом устройстве',
        ),
      });
    }
  }

  const used = Math.round(s.triggerMsToday / 60_000);
  const quota = Math.round(s.triggerQuotaMs / 60_000);
  const share = s.triggerQuotaMs > 0 ? s.triggerMsToday / s.triggerQuotaMs : 0;
  const timeTitle = t('Trigger time today', 'Время работы триггеров сегодня');
  const timeDetail = t(`${used} of ${quota} min (${Math.round(share * 100)}%)`, `${used} из ${quota} мин (${Math.round(share * 100)}%)`);
  out.push(
    share <= TRIGGER_TIME_SHARE
      ? { id: 'trigger_time', state: 'ok', title: timeTitle, detail: timeDetail }
      : {
          id: 'trigger_time',
          state: share >= 1 ? 'fail' : 'warn',
          title: timeTitle,
          detail: timeDetail,
          fix: { ...FIX_SETTINGS, ...t('Open Settings: check every 5 minutes (or set trigger_quota_minutes to 360 on Workspace)', 'Откройте «Настройки»: проверка раз в 5 минут (или trigger_quota_minutes = 360 для Workspace)') },
        },
  );

  const reachTitle = t('Bot reachable', 'Доступность бота');
  if (facts.bot.url !== '') {
    if (s.pushFailSince === null) out.push({ id: 'bot_reach', state: 'ok', title: reachTitle, detail: t('The latest push went through (or none was needed)', 'Последняя отправка прошла (или не требовалась)') });
    else {
      const since = agoText(now - s.pushFailSince);
      out.push({
        id: 'bot_reach',
        state: now - s.pushFailSince >= BOT_MINUTES * 60_000 ? 'fail' : 'warn',
        title: reachTitle,
        detail: t(`Pushes to the bot fail, the first failure ${since.en}: ${s.pushError}`, `Отправки боту не проходят, первый сбой ${since.ru}: ${s.pushError}`),
        fix: FIX_BOT,
      });
    }
  } else if (facts.bot.secretSet) {
    const pull = Math.max(s.lastPullAt ?? -Infinity, state?.pull ?? -Infinity);
    if (!Number.isFinite(pull)) {
      out.push({ id: 'bot_reach', state: 'warn', title: reachTitle, detail: t('No pull by the bot seen yet', 'Бот ещё ни разу не забирал оповещения'), fix: FIX_BOT });
    } else {
      const ago = agoText(now - pull);
      const late = now - pull >= BOT_MINUTES * 60_000;
      out.push({
        id: 'bot_reach',
        state: late ? 'fail' : 'ok',
        title: reachTitle,
        detail: t(`The bot last pulled alerts ${ago.en}`, `Бот последний раз забирал оповещения ${ago.ru}`),
        ...(late ? { fix: FIX_BOT } : {}),
      });
    }
  }
  return out;
}

/**
 * Each hand-edited tab's rows that cannot be used, as the Health screen lists them. A tab that cannot be read
 * at all (missing, its header moved) is one problem fixed by Set up; the cross-tab checks (a group nobody
 * defined, a rule of an unknown status) need every tab read, so they wait until all can be.
 */
function rowChecks(deps: AdminDeps): DoctorCheck[] {
  const tables = deps.tables();
  const unreadable: DoctorCheck[] = [];
  const read = <T>(tab: TabName, f: () => RowsRead<T>): RowsRead<T> | null => {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof MissingTab || e instanceof HeaderMismatch)) throw e;
      // The cached reference fails on any of its tabs: each is reported by its own read.
      if (e.tab !== TABS[tab].name) return null;
      unreadable.push({ id: `rows.${tab}`, state: 'fail', title: t(`Rows of ${tab}`, `Строки ${tab}`), detail: t(e.english, e.russian), fix: FIX_SETUP });
      return null;
    }
  };
  const employees = read('Employees', () => tables.employees());
  const groups = read('Groups', () => tables.groups());
  const statuses = read('Statuses', () => tables.statuses());
  const rules = read('Rules', () => tables.rules());
  const cached = read('Schedule', () => {
    const reference = deps.reference();
    return { rows: [], sheetRows: [], issues: reference.issues.filter((i) => i.tab === TABS.Schedule.name) };
  });
  let issues: RowIssue[];
  if (employees && groups && statuses && rules) {
    // The shifts were checked against Employees and Statuses when the cache was filled; the rest here.
    const none = { rows: [], sheetRows: [], issues: [] };
    issues = [...crossCheck(employees, groups, statuses, rules, none, scheduleWindow(deps.dateOf(deps.now))).issues, ...(cached?.issues ?? [])];
  } else issues = [employees, groups, statuses, rules, cached].flatMap((r) => r?.issues ?? []);
  const byTab = new Map<string, RowIssue[]>();
  for (const i of issues) byTab.set(i.tab, [...(byTab.get(i.tab) ?? []), i]);
  const checks = [...byTab].map(([tab, list]): DoctorCheck => {
    const shown = list.slice(0, LISTED_ISSUES).map((i) => rowText(i));
    const more = list.length - shown.length;
    const lines = more > 0 ? [...shown, t(`and ${more} more`, `и ещё ${more}`)] : shown;
    const fix = FIX_ROWS[tab as TabName] ?? t(`Correct the rows in the ${tab} tab`, `Исправьте строки во вкладке ${tab}`);
    return { id: `rows.${tab}`, state: 'warn', title: t(`Rows of ${tab} with problems: ${list.length}`, `Строки ${tab} с ошибками: ${list.length}`), detail: join(lines), fix };
  });
  if (unreadable.length === 0 && checks.length === 0) {
    return [{ id: 'rows', state: 'ok', title: t('Rows of the edited tabs', 'Строки редактируемых вкладок'), detail: t('Every row can be used', 'Все строки в порядке') }];
  }
  return [...unreadable, ...checks];
}

/** Issue messages are already "English / Русский" (store/validate.ts). */
function rowText(i: RowIssue): Text {
  const [en, ru] = splitMessage(i.message);
  return t(`row ${i.row}, ${i.column}: ${en}`, `строка ${i.row}, ${i.column}: ${ru}`);
}

function splitMessage(message: string): [string, string] {
  const at = message.indexOf(' / ');
  return at < 0 ? [message, message] : [message.slice(0, at), message.slice(at + 3)];
}

function join(lines: readonly Text[]): Text {
  return { en: lines.map((l) => l.en).join('; '), ru: lines.map((l) => l.ru).join('; ') };
}

/** "every 5 min" / "daily 03:00 Europe/Moscow" (gas/triggers.ts specKey) in Russian. */
function scheduleRu(schedule: string): string {
  const every = /^every (\d+) min$/.exec(schedule);
  if (every) return every[1] === '1' ? 'каждую минуту' : `каждые ${every[1]} мин`;
  const daily = /^daily (\d\d:\d\d) (.+)$/.exec(schedule);
  return daily ? `ежедневно в ${daily[1]} (${daily[2]})` : schedule;
}

function agoText(ms: number): Text {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return t('just now', 'только что');
  if (minutes < 120) return t(`${minutes} min ago`, `${minutes} мин назад`);
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t(`${hours} h ago`, `${hours} ч назад`);
  return t(`${Math.round(hours / 24)} days ago`, `${Math.round(hours / 24)} дн. назад`);
}

/** A reason the server wrote as "English / Русский" gives each language its half; any other stays whole. */
function halfOf(reason: string, lang: 'en' | 'ru'): string {
  const at = reason.indexOf(' / ');
  if (at < 0) return reason;
  return lang === 'en' ? reason.slice(0, at) : reason.slice(at + 3);
}
