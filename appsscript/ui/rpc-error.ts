// What a failed admin call throws: the server's code (common/errors.ts), or `network` when the call never got
// an answer; the message in the page's language; the per-field problems of a schema failure
// (details.fields, paths like `email` or `rules[0].max_minutes`); and, for a conflict, the record as it is now.
import type { ErrorCode } from '../../common/errors.ts';
import { getLang, type Lang } from './i18n/locale.ts';
import { pickLanguage } from './i18n/server-text.ts';

export type AdminErrorCode = ErrorCode | 'network';

export interface FieldIssue {
  field: string;
  message: string;
}

export class AdminError extends Error {
  readonly code: AdminErrorCode;
  /** As the server said it ("English / Русский"), for the page to say in either language. */
  readonly serverMessage: string;
  readonly fields: readonly FieldIssue[];
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: AdminErrorCode, serverMessage: string, details: Record<string, unknown> = {}, lang: Lang = getLang()) {
    super(pickLanguage(serverMessage, lang));
    this.name = 'AdminError';
    this.code = code;
    this.serverMessage = serverMessage;
    this.details = details;
    this.fields = fieldsOf(details);
  }

  messageIn(lang: Lang): string {
    return pickLanguage(this.serverMessage, lang);
  }

  /** A conflict's `details.current`: the record as it is now. */
  get current(): unknown {
    return this.details.current;
  }
}

/** details.fields of a schema failure, or the one `details.field` a refusal or conflict names. */
function fieldsOf(details: Record<string, unknown>): FieldIssue[] {
  const list = details.fields;
  if (Array.isArray(list)) {
    return list
      .filter((f): f is FieldIssue => typeof f === 'object' && f !== null && typeof (f as FieldIssue).field === 'string' && typeof (f as FieldIssue).message === 'string')
      .map((f) => ({ field: f.field, message: f.message }));
  }
  return [];
}
