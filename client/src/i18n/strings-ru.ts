// Russian texts of the employee page: the same keys as the English ones (the type makes sure of it).
import type { Strings } from './strings-en.ts';

function plural(n: number, one: string, few: string, many: string): string {
  const form = new Intl.PluralRules('ru').select(n);
  return form === 'one' ? one : form === 'few' ? few : many;
}

export const ru: Strings = {
  appTitle: 'Рабочее время',
  loading: 'Загрузка…',
  startFailed: (why) => `Страница не смогла запуститься: ${why}`,
  signedInAs: (name) => `Вы вошли как ${name}`,
  logout: 'Выйти',
  language: 'Язык',

  loginHeading: 'Вход',
  emailLabel: 'Рабочая почта',
  emailHint: 'Мы пришлём одноразовый код.',
  sendCode: 'Получить код',
  sending: 'Отправляем…',
  codeLabel: 'Код из сообщения',
  codeHint: (email) => `Мы отправили 6-значный код на ${email} (письмом или в Telegram, если он привязан). Код действует 10 минут.`,
  signIn: 'Войти',
  signingIn: 'Входим…',
  otherEmail: 'Другая почта',
  resendCode: 'Прислать новый код',
  codeResent: 'Новый код отправлен.',
  badEmail: 'Введите адрес почты, например name@example.com.',
  badCode: 'Код состоит из 6 цифр.',
  sessionEnded: 'Сеанс завершён: войдите снова. Неотправленные изменения сохранены и уйдут после входа.',

  errNetwork: 'Нет связи с сервером. Проверьте сеть и попробуйте ещё раз.',
  errWrongCode: 'Неверный или просроченный код. Проверьте его или запросите новый.',
  errRateLimited: 'Слишком много попыток.',
  errOther: 'Сервер не смог это сделать.',

  serverHeading: 'Адрес сервера',
  serverLabel: 'Адрес веб-приложения',
  serverHint: 'Адрес веб-приложения WorkTimeTracker, оканчивается на /exec. Его знает администратор.',
  serverSave: 'Сохранить и перезагрузить',
  serverBad: 'Введите полный адрес, начинающийся с https:// или http://.',
  serverCurrent: (url) => `Сейчас: ${url}`,

  statusHeading: 'Статус',
  statusButtons: 'Выберите статус',
  currentHeading: 'Текущий статус',
  noStatus: 'Сегодня статуса ещё нет. Выберите его ниже.',
  since: (time) => `с ${time}`,
  elapsed: 'Время в этом статусе',
  statusAnnounce: (label) => `Статус: ${label}`,

  shiftHeading: 'Смена сегодня',
  noShift: 'На сегодня смена не запланирована.',
  shiftTimes: (from, to) => `${from} – ${to}`,
  plannedBreaks: 'Запланированные перерывы',
  noPlannedBreaks: 'Перерывы не запланированы.',
  minutes: (n) => `${n} мин`,

  breakHeading: 'Перерывы',
  timeLeft: 'Осталось от перерыва',
  overBy: 'Превышение',
  noBreakLength: 'У этого перерыва нет запланированной длительности.',
  notOnBreak: 'Вы не на перерыве.',
  nextBreak: 'Следующий перерыв',
  noNextBreak: 'Запланированных перерывов сегодня больше нет.',
  breaksTaken: 'Перерывов взято',
  takenOf: (taken, of) => `${taken} из ${of}`,

  timelineHeading: 'Сегодня',
  timelineEmpty: 'Сегодня смен статуса ещё не было.',
  now: 'сейчас',

  violationsHeading: 'Нарушения',
  noViolations: 'Сегодня нарушений нет.',
  violationTypes: {
    late_start: 'Опоздание',
    early_leave: 'Ранний уход',
    break_overrun: 'Перерыв слишком длинный',
    too_many_breaks: 'Слишком много перерывов',
    break_outside_window: 'Перерыв не в запланированное время',
    missed_lunch: 'Пропущен запланированный обед',
    group_concurrency: 'Слишком много коллег на перерыве одновременно',
    forgotten_session: 'Сеанс не закрыт',
  },
  overMinutes: (n) => `превышение ${n} мин`,
  excused: 'оправдано',

  syncHeading: 'Синхронизация',
  pending: (n) => `${n} ${plural(n, 'изменение ждёт', 'изменения ждут', 'изменений ждут')} отправки`,
  allSent: 'Все изменения отправлены',
  lastSync: (time) => `Синхронизировано в ${time}`,
  neverSynced: 'Ещё не синхронизировано',
  offline: 'Нет связи',
  syncing: 'Синхронизация…',
  telegramTitle: 'Telegram',
  telegramIntro: 'Напоминания и смена статуса в Telegram: свяжите свой чат с ботом.',
  telegramButton: 'Получить код',
  telegramCode: (code: string, minutes: number) => `Отправьте боту /start ${code} в течение ${minutes} мин.`,
  syncNow: 'Синхронизировать',
  retryIn: (s) => `Следующая попытка через ${s} с`,
  refusedHeading: 'Сервер не принял',
  refusedItem: (label, time) => `${label} в ${time}`,
  dismiss: 'Скрыть',
  dismissLabel: (what) => `Скрыть: ${what}`,

  hours: 'ч',
  mins: 'мин',
};
