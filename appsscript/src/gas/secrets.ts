// Secrets live in Script Properties only: never in a tab, a log or an error message.
import { base64urlEncode } from '../domain/token.ts';
import { randomBytes } from './crypto.ts';

export const TOKEN_SIGNING_KEY = 'TOKEN_SIGNING_KEY';
/** 256 bits, the size of HMAC-SHA256's output: a longer key adds nothing. */
const SIGNING_KEY_BYTES = 32;
const CREATE_LOCK_TIMEOUT_MS = 10000;

/**
 * The key that signs session tokens and hashes login codes, made on first use. Replacing it (deleting the
 * property) signs everyone out and voids codes in flight.
 */
export function tokenSigningKey(): string {
  const props = PropertiesService.getScriptProperties();
  return props.getProperty(TOKEN_SIGNING_KEY) || createOnce(props);
}

/**
 * Two first executions at once must not each make a key (one would void the other's tokens): the key is
 * made under the script lock and re-read there. An execution that already holds the lock keeps it: on
 * Apps Script the lock belongs to the execution, and releasing it here would release the caller's.
 */
function createOnce(props: GoogleAppsScript.Properties.Properties): string {
  const lock = LockService.getScriptLock();
  const alreadyHeld = lock.hasLock();
  if (!alreadyHeld) lock.waitLock(CREATE_LOCK_TIMEOUT_MS);
  try {
    const existing = props.getProperty(TOKEN_SIGNING_KEY);
    if (existing) return existing;
    const key = base64urlEncode(randomBytes(SIGNING_KEY_BYTES));
    props.setProperty(TOKEN_SIGNING_KEY, key);
    return key;
  } finally {
    if (!alreadyHeld) lock.releaseLock();
  }
}
