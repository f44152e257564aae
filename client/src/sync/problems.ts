// Why the last sync did not go through, kept as data so the text follows the page's language when the
// person switches it.
import { describeFailure, text, type Lang } from '../api/messages.ts';

export type SyncProblem =
  /** navigator.onLine is false: nothing is tried until the `online` event. */
  | { kind: 'offline' }
  /** A call failed (an ApiCallError, or IndexedDB). */
  | { kind: 'failure'; error: unknown }
  /** The server's numbering for this device no longer matches: renumbered under a new device id. */
  | { kind: 'device_renumbered' }
  /** The session belongs to another device id than the outbox's (after a renumbering). */
  | { kind: 'device_changed' };

export function describeProblem(problem: SyncProblem, lang: Lang): string {
  switch (problem.kind) {
    case 'offline':
      return text('offline', lang);
    case 'failure':
      return describeFailure(problem.error, lang);
    case 'device_renumbered':
      return text('deviceRenumbered', lang);
    case 'device_changed':
      return text('signInAgain', lang);
  }
}
