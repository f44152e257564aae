// A failed save's problems, placed at the form's fields. The server names a field by its path in the payload
// (`email`, `lead_emails[2]`, `rules[0].max_minutes`); a form shows the problem at the field the path starts
// with, worded by the form when it wants to (the 3rd lead email is "line 3" of its text box).
import { AdminError } from '../rpc-error.ts';
import type { Lang } from '../i18n/locale.ts';
import { fieldMessage } from '../i18n/server-text.ts';

export type FieldErrors = Readonly<Record<string, string>>;

/** Says a problem at a path for a person; the path's tail is what follows the field's name (`[2]`). */
export type DescribeIssue = (field: string, tail: string, message: string) => string;

/** The field a path belongs to: `rules[0].max_minutes` -> `rules`. */
export function fieldOfPath(path: string): string {
  const m = /^[^.[]*/.exec(path);
  return m ? m[0] : path;
}

export function fieldErrors(error: unknown, lang: Lang, describe?: DescribeIssue): FieldErrors {
  if (!(error instanceof AdminError)) return {};
  const out: Record<string, string> = {};
  for (const issue of error.fields) {
    const field = fieldOfPath(issue.field);
    if (field in out) continue;
    const message = fieldMessage(issue.message, lang);
    out[field] = describe ? describe(field, issue.field.slice(field.length), message) : message;
  }
  // A refusal or a conflict about one field (`details.field`) says so in its message.
  const one = error.details.field;
  if (error.fields.length === 0 && typeof one === 'string' && one !== '') out[one] = error.messageIn(lang);
  return out;
}

/**
 * Every problem by its whole path (`rules[2].max_minutes`, `values.bot_url`), the first one per path: for a
 * form with a control per path (a row of a list, a key of an object) rather than one per top-level field.
 */
export function pathErrors(error: unknown, lang: Lang): FieldErrors {
  if (!(error instanceof AdminError)) return {};
  const out: Record<string, string> = {};
  for (const issue of error.fields) if (!(issue.field in out)) out[issue.field] = fieldMessage(issue.message, lang);
  const one = error.details.field;
  if (error.fields.length === 0 && typeof one === 'string' && one !== '') out[one] = error.messageIn(lang);
  return out;
}

/** The problems a form has no field for: shown above its buttons, so none is lost. */
export function unplacedErrors(errors: FieldErrors, fields: readonly string[]): string[] {
  return Object.entries(errors)
    .filter(([field]) => !fields.includes(field))
    .map(([field, message]) => (field ? `${field}: ${message}` : message));
}
