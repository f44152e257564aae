// What to tell a person when an action failed. The server's messages are bilingual ("English / Русский",
// common/errors.ts); network failures carry no code at all.
import { isErrorCode } from '../../../common/errors.ts';
import type { Lang } from './locale.ts';
import { stringsFor } from './locale.ts';

/** The half of a server message "English / Русский" in the page's language; other text as it is. */
export function pickLanguage(message: string, lang: Lang): string {
  const parts = message.split(' / ');
  if (parts.length !== 2) return message;
  const cyrillic = (s: string) => /[А-Яа-яЁё]/.test(s);
  const [a, b] = parts;
  const ruPart = cyrillic(b) && !cyrillic(a) ? b : cyrillic(a) && !cyrillic(b) ? a : null;
  if (ruPart === null) return message;
  return lang === 'ru' ? ruPart.trim() : (ruPart === a ? b : a).trim();
}

/** The error's code from common/errors.ts; a session or code refusal may say so by its name only. */
function codeOf(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const { code, name } = e as { code?: unknown; name?: unknown };
  if (typeof code === 'string') return code;
  return name === 'AuthError' ? 'unauthorized' : undefined;
}

/** The server's own words when the error carries them, else the error's message. */
function messageOf(e: unknown): string {
  if (typeof e === 'string') return e;
  const { serverMessage, message } = (e ?? {}) as { serverMessage?: unknown; message?: unknown };
  if (typeof serverMessage === 'string') return serverMessage;
  return typeof message === 'string' ? message : '';
}

/**
 * An error from the model's loginStart/loginFinish: one already said for a person (the engine's
 * UserFacingError, in the page's language), an API error with a code from common/errors.ts, or anything
 * else, which means the server could not be reached or answered nonsense.
 */
export function errorText(e: unknown, lang: Lang): string {
  const s = stringsFor(lang);
  const code = codeOf(e);
  const message = pickLanguage(messageOf(e), lang);
  if ((e as { name?: unknown } | null)?.name === 'UserFacingError' && message) return message;
  if (!isErrorCode(code)) return s.errNetwork;
  switch (code) {
    case 'unauthorized':
      return s.errWrongCode;
    case 'rate_limited':
      return message ? `${s.errRateLimited} ${message}` : s.errRateLimited;
    case 'busy':
    case 'internal':
      return message ? `${s.errOther} ${message}` : s.errOther;
    default:
      return message || s.errOther;
  }
}
