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
/**
 * Every time a client's clock says (a sync's `sent_at`, each entry's `at`) must fall in
 * [CLIENT_TIME_MIN_MS, CLIENT_TIME_MAX_MS), 1970-01-01 to 2100-01-01 UTC, or the entry is refused for good
 * (docs/sync.md, "Time window"). 1970 is allowed because a device whose clock was reset reads 1970, and the
 * correction by `sent_at` still puts its entries right; past 2100 no clock is right, and the raw time (Log
 * client_at) must stay a date that any spreadsheet, in any time zone, can hold and read back.
 */
export const CLIENT_TIME_MIN_MS = 0;
export const CLIENT_TIME_MAX_MS = 4_102_444_800_000; // Date.UTC(2100, 0, 1)
