// What to tell the admin when a call failed: the server's own words where they help (a refusal or a
// conflict says why), the page's words where they would not (a stack of transport errors).
import { AdminError } from '../rpc-error.ts';
import type { Lang } from './locale.ts';
import { stringsFor } from './locale.ts';

export function errorText(error: unknown, lang: Lang): string {
  const s = stringsFor(lang);
  if (!(error instanceof AdminError)) return s.errInternal;
  switch (error.code) {
    case 'network':
      return s.errNetwork;
    case 'busy':
      return s.errBusy;
    case 'internal':
      return s.errInternal;
    case 'bad_request':
      return error.fields.length > 0 ? s.errCheckFields : error.messageIn(lang) || s.errInternal;
    case 'forbidden':
      return error.messageIn(lang) || s.errForbidden;
    default:
      return error.messageIn(lang) || s.errInternal;
  }
}
