// Limits every side agrees on.
export const MAX_SYNC_ENTRIES = 500;
/** A request body larger than this is refused before parsing. */
export const MAX_REQUEST_BYTES = 1024 * 1024;
export const MAX_COMMENT_CHARS = 500;
export const MAX_ID_CHARS = 64;
/** Login codes: digits, lifetime, attempts before lockout. */
export const LOGIN_CODE_DIGITS = 6;
export const LOGIN_CODE_TTL_SECONDS = 10 * 60;
export const LOGIN_MAX_WRONG_CODES = 5;
export const LOGIN_LOCKOUT_SECONDS = 15 * 60;
/** Session tokens live this long. */
export const TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;
