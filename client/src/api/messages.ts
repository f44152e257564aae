// What a failure means for the person in front of the page, in their language. The server's own texts are
// bilingual ("English / Русский", the project's convention): the half in the page's language is shown.
import type { Lang } from '../../../ui-shared/lang.ts';
import { pickLanguage } from '../../../ui-shared/text.ts';
import { AuthError, ApiError, RetryLaterError, TransientError } from './errors.ts';

export { pickLanguage, type Lang };

type Text = Record<Lang, string>;

export const TEXTS = {
  network: {
    en: 'No connection to the server. Your changes are saved on this device and will be sent.',
    ru: 'Нет связи с сервером. Изменения сохранены на этом устройстве и будут отправлены.',
  },
  offline: {
    en: 'You are offline. Your changes are saved on this device and will be sent when the connection returns.',
    ru: 'Нет сети. Изменения сохранены на этом устройстве и будут отправлены, когда связь вернётся.',
  },
  timeout: {
    en: 'The server did not answer in time. Your changes are saved and will be sent again.',
    ru: 'Сервер не ответил вовремя. Изменения сохранены и будут отправлены снова.',
  },
  serverTrouble: {
    en: 'The server could not answer just now. Your changes are saved and will be sent again.',
    ru: 'Сервер сейчас не смог ответить. Изменения сохранены и будут отправлены снова.',
  },
  busy: {
    en: 'The server is busy. Your changes are saved and will be sent again shortly.',
    ru: 'Сервер занят. Изменения сохранены и скоро будут отправлены снова.',
  },
  signInAgain: {
    en: 'Please sign in again. Your changes are kept on this device and will be sent after you sign in.',
    ru: 'Войдите снова. Изменения сохранены на этом устройстве и будут отправлены после входа.',
  },
  sessionExpired: {
    en: 'Your session has expired. Please sign in again; your changes are kept on this device.',
    ru: 'Сеанс истёк. Войдите снова; изменения сохранены на этом устройстве.',
  },
  sessionRevoked: {
    en: 'Your session was ended. Please sign in again; your changes are kept on this device.',
    ru: 'Сеанс завершён. Войдите снова; изменения сохранены на этом устройстве.',
  },
  wrongCode: {
    en: 'Wrong or expired code. Check the latest message and try again.',
    ru: 'Неверный или просроченный код. Проверьте последнее письмо и попробуйте снова.',
  },
  deviceRenumbered: {
    en: 'The server has lost track of this device, so it was registered again. Please sign in; your changes are kept and will be sent.',
    ru: 'Сервер потерял учёт этого устройства, поэтому оно зарегистрировано заново. Войдите; изменения сохранены и будут отправлены.',
  },
  storage: {
    en: 'This browser could not save the change on this device (storage is unavailable or full).',
    ru: 'Браузер не смог сохранить изменение на этом устройстве (хранилище недоступно или заполнено).',
  },
  notSignedIn: {
    en: 'Please sign in first.',
    ru: 'Сначала войдите.',
  },
  unknownStatus: {
    en: 'This status is not in the list of statuses.',
    ru: 'Такого статуса нет в списке статусов.',
  },
  commentTooLong: {
    en: 'The comment is too long.',
    ru: 'Комментарий слишком длинный.',
  },
  unexpected: {
    en: 'Something went wrong. Your changes are saved on this device.',
    ru: 'Что-то пошло не так. Изменения сохранены на этом устройстве.',
  },
} as const satisfies Record<string, Text>;

export type TextKey = keyof typeof TEXTS;

export function text(key: TextKey, lang: Lang): string {
  return TEXTS[key][lang];
}

/** A failure of a call, said for a person. */
export function describeFailure(error: unknown, lang: Lang): string {
  if (error instanceof TransientError) {
    if (error.reason === 'network') return text('network', lang);
    if (error.reason === 'timeout') return text('timeout', lang);
    return text('serverTrouble', lang);
  }
  if (error instanceof RetryLaterError) {
    if (error.code === 'rate_limited' && error.serverMessage) return pickLanguage(error.serverMessage, lang);
    return text('busy', lang);
  }
  if (error instanceof AuthError) {
    if (error.reason === 'wrong_code') return text('wrongCode', lang);
    if (error.reason === 'expired') return text('sessionExpired', lang);
    if (error.reason === 'revoked' || error.reason === 'inactive') return text('sessionRevoked', lang);
    return text('signInAgain', lang);
  }
  if (error instanceof ApiError) {
    return error.serverMessage ? pickLanguage(error.serverMessage, lang) : text('unexpected', lang);
  }
  if (error instanceof UserFacingError) return error.message;
  return text('unexpected', lang);
}

/**
 * What the model's actions throw: `message` is for the person, already in the page's language; `cause` is
 * the underlying error (an ApiCallError, an IndexedDB failure) for the console.
 */
export class UserFacingError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserFacingError';
  }
}

export function userFacing(error: unknown, lang: Lang): UserFacingError {
  return error instanceof UserFacingError ? error : new UserFacingError(describeFailure(error, lang), { cause: error });
}
