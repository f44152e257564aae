// The bot's own words, in Russian and English. Replies from the web app come already in the employee's
// language; these are for what the bot says by itself.
import type { Context } from 'grammy';

export type Lang = 'ru' | 'en';

const TEXTS = {
  startUsage: {
    en: 'Open your employee page, choose "Link Telegram" and send me the command it shows: /start CODE.',
    ru: 'Откройте страницу сотрудника, выберите «Привязать Telegram» и отправьте мне команду, которую она покажет: /start КОД.',
  },
  linkInPrivate: {
    en: 'A code links your own chat: send /start CODE to me in a private chat, not in a group.',
    ru: 'Код привязывает ваш личный чат: отправьте /start КОД мне в личные сообщения, а не в группу.',
  },
  linked: {
    en: 'Hello, {name}! This chat is linked: your reminders and login codes will come here.\n\n{help}',
    ru: 'Здравствуйте, {name}! Чат привязан: сюда будут приходить напоминания и коды входа.\n\n{help}',
  },
  groupChatId: {
    en: 'This chat\'s id is {id}. To send a group\'s alerts here, an admin puts it in the Groups tab, column telegram_chat_id.',
    ru: 'ID этого чата: {id}. Чтобы оповещения группы приходили сюда, администратор вписывает его во вкладку Groups, столбец telegram_chat_id.',
  },
  help: {
    en: '/status — your status now\n/break — start a break\n/lunch — start lunch\n/back — back to work\n/schedule — today\'s schedule\n/reminders — your reminders: on, off, minutes\n/who — who is where (leads)',
    ru: '/status — ваш статус сейчас\n/break — начать перерыв\n/lunch — начать обед\n/back — вернуться к работе\n/schedule — расписание на сегодня\n/reminders — ваши напоминания: вкл., выкл., минуты\n/who — кто где (для руководителей)',
  },
  remindersTitle: { en: 'Your reminders (they come to this chat):', ru: 'Ваши напоминания (приходят в этот чат):' },
  reminderBeforeBreak: { en: '{minutes} min before a planned break or lunch', ru: 'За {minutes} мин до перерыва или обеда по плану' },
  reminderBreakEnding: { en: '{minutes} min before a break or lunch ends', ru: 'За {minutes} мин до конца перерыва или обеда' },
  reminderShiftEnd: { en: 'At shift end, if still signed in', ru: 'В конце смены, если вы ещё не вышли' },
  reminderOn: { en: 'on', ru: 'вкл.' },
  reminderOff: { en: 'off', ru: 'выкл.' },
  remindersHow: {
    en: 'Tap a button to turn a reminder on or off. To set the minutes: /reminders before_break 10 or /reminders break_ending 3 (1–120). Also: /reminders shift_end on.',
    ru: 'Нажмите кнопку, чтобы включить или выключить напоминание. Минуты: /reminders before_break 10 или /reminders break_ending 3 (1–120). Также: /reminders shift_end on.',
  },
  remindersUsage: {
    en: 'I did not understand. Examples: /reminders before_break 10, /reminders break_ending off, /reminders shift_end on (minutes 1–120).',
    ru: 'Не понял. Примеры: /reminders before_break 10, /reminders break_ending off, /reminders shift_end on (минуты 1–120).',
  },
  reminderSaved: { en: 'Saved.', ru: 'Сохранено.' },
  unavailable: {
    en: 'The server cannot be reached right now. Please try again in a minute.',
    ru: 'Сервер сейчас недоступен. Попробуйте ещё раз через минуту.',
  },
  failed: {
    en: 'Something went wrong. Please try again later.',
    ru: 'Что-то пошло не так. Попробуйте позже.',
  },
  excusedBy: { en: 'Excused by {name}.', ru: 'Оправдано: {name}.' },
  confirmedBy: { en: 'Confirmed by {name}.', ru: 'Подтверждено: {name}.' },
  staleButton: { en: 'This button no longer works.', ru: 'Эта кнопка больше не действует.' },
} as const;

export type TextKey = keyof typeof TEXTS;

export function t(lang: Lang, key: TextKey, params: Record<string, string> = {}): string {
  return TEXTS[key][lang].replace(/\{(\w+)\}/g, (m, name: string) => params[name] ?? m);
}

/** Both languages, for group chats where readers differ: "English / Русский" like the server's messages. */
export function bilingual(key: TextKey, params: Record<string, string> = {}): string {
  return `${t('en', key, params)}\n\n${t('ru', key, params)}`;
}

/** The sender's language as Telegram reports it; English unless it is Russian. */
export function langOf(ctx: Context): Lang {
  return ctx.from?.language_code?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

/** Bot-made text for this chat: the sender's language in a private chat, both languages elsewhere. */
export function say(ctx: Context, key: TextKey, params: Record<string, string> = {}): string {
  return ctx.chat?.type === 'private' ? t(langOf(ctx), key, params) : bilingual(key, params);
}
