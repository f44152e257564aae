// The server says everything twice, "English / Русский" (appsscript/src/services/errors.ts): the page shows
// the half in its own language (pickLanguage, the employee page's own). Messages that are not such a pair
// (a valibot default, a transport error) are shown as they are, after a known English phrase is put into
// Russian where the page knows it.
import type { Lang } from './locale.ts';
import { stringsFor } from './locale.ts';
import { pickLanguage } from '../../../ui-shared/text.ts';

export { pickLanguage };

/**
 * A field's message from a schema (common/admin-api.ts says them in English only, and valibot's own
 * defaults read "Invalid length: Expected <=200 but received 250"), said in the page's language.
 */
export function fieldMessage(message: string, lang: Lang): string {
  return capitalised(translated(message.trim(), lang));
}

function translated(message: string, lang: Lang): string {
  const picked = pickLanguage(message, lang);
  if (picked !== message) return picked;
  const s = stringsFor(lang);
  const known = s.schemaMessages[message];
  if (known) return known;
  const length = /^Invalid length: Expected (<=|>=|<|>)?\s*(\d+)/.exec(message);
  if (length) {
    if (length[1] === '>=' && length[2] === '1') return s.fieldRequired;
    return length[1] === '<=' ? s.fieldTooLong(Number(length[2])) : s.fieldBadLength;
  }
  const size = /^Invalid value: Expected (<=|>=)\s*(-?\d+)/.exec(message);
  if (size) return size[1] === '<=' ? s.fieldAtMost(Number(size[2])) : s.fieldAtLeast(Number(size[2]));
  if (/^Invalid (type|key|value)/.test(message)) return s.fieldInvalid;
  return message;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
