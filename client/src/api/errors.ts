// What can go wrong with one call, sorted by what the caller should do about it. The sync engine retries
// the first two, stops and asks for a login on the third, and shows the fourth.
import type { ErrorCode } from '../../../common/errors.ts';

/** The request may or may not have reached the server; sending it again is safe (sync is idempotent). */
export const TRANSIENT_REASONS = ['network', 'timeout', 'http_status', 'not_json', 'bad_envelope'] as const;
export type TransientReason = (typeof TRANSIENT_REASONS)[number];

export class TransientError extends Error {
  readonly reason: TransientReason;
  /** The HTTP status, when there was one worth reporting. */
  readonly status: number | null;

  constructor(reason: TransientReason, detail: string, status: number | null = null) {
    super(`${reason}: ${detail}`);
    this.name = 'TransientError';
    this.reason = reason;
    this.status = status;
  }
}

/** The server answered but cannot take the request now (`busy`, `rate_limited`): retry, not sooner than said. */
export class RetryLaterError extends Error {
  readonly code: 'busy' | 'rate_limited';
  /** From `details.retry_after_s`; null when the server did not say. */
  readonly retryAfterMs: number | null;
  /** The server's text, "English / Русский". */
  readonly serverMessage: string;

  constructor(code: 'busy' | 'rate_limited', serverMessage: string, retryAfterMs: number | null) {
    super(`${code}: ${serverMessage}`);
    this.name = 'RetryLaterError';
    this.code = code;
    this.serverMessage = serverMessage;
    this.retryAfterMs = retryAfterMs;
  }
}

/** The session (or, at login.finish, the code) was refused: the person has to sign in (again). */
export class AuthError extends Error {
  /** `details.reason` of the server (expired, revoked, wrong_code, ...), null when absent. */
  readonly reason: string | null;
  readonly serverMessage: string;

  constructor(serverMessage: string, reason: string | null) {
    super(`unauthorized: ${serverMessage}`);
    this.name = 'AuthError';
    this.reason = reason;
    this.serverMessage = serverMessage;
  }
}

/** Any other refusal of the whole request: sending the same request again will not change the answer. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly serverMessage: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, serverMessage: string, details?: Record<string, unknown>) {
    super(`${code}: ${serverMessage}`);
    this.name = 'ApiError';
    this.code = code;
    this.serverMessage = serverMessage;
    this.details = details;
  }
}

export type ApiCallError = TransientError | RetryLaterError | AuthError | ApiError;

export function isApiCallError(e: unknown): e is ApiCallError {
  return e instanceof TransientError || e instanceof RetryLaterError || e instanceof AuthError || e instanceof ApiError;
}
