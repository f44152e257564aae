// The named errors of the whole web-app API. Every failure a caller should see is one of these: it carries
// a code from the closed list in common/errors.ts and a message in English and Russian, so the one error
// handler (http/) can turn it into the `{ ok: false, error }` envelope without guessing.
import type { ErrorCode } from '../../common/errors.ts';
import type { ApiError } from '../../common/envelope.ts';

export class ApiFailure extends Error {
  readonly code: ErrorCode;
  readonly english: string;
  readonly russian: string;
  /** JSON-safe detail for the caller (e.g. which field, a reason, when to retry). */
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, english: string, russian: string, details?: Record<string, unknown>) {
    // The convention of the project: "English text / Русский текст".
    super(`${english} / ${russian}`);
    this.name = 'ApiFailure';
    this.code = code;
    this.english = english;
    this.russian = russian;
    if (details !== undefined) this.details = details;
  }

  toApiError(): ApiError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export class BadRequest extends ApiFailure {
  constructor(english: string, russian: string, details?: Record<string, unknown>) {
    super('bad_request', english, russian, details);
    this.name = 'BadRequest';
  }
}

/** Not signed in, or the session is no longer valid. `reason` says why, for the client and the logs. */
export class Unauthorized extends ApiFailure {
  readonly reason: string;
  constructor(reason: string, english: string, russian: string, details?: Record<string, unknown>) {
    super('unauthorized', english, russian, { reason, ...details });
    this.name = 'Unauthorized';
    this.reason = reason;
  }
}

export class Forbidden extends ApiFailure {
  constructor(english: string, russian: string, details?: Record<string, unknown>) {
    super('forbidden', english, russian, details);
    this.name = 'Forbidden';
  }
}

export class NotFound extends ApiFailure {
  constructor(english: string, russian: string, details?: Record<string, unknown>) {
    super('not_found', english, russian, details);
    this.name = 'NotFound';
  }
}

export class Conflict extends ApiFailure {
  constructor(english: string, russian: string, details?: Record<string, unknown>) {
    super('conflict', english, russian, details);
    this.name = 'Conflict';
  }
}

/** Too many attempts: `retryAfterMs` says when the next one may succeed (also in details.retry_after_s). */
export class RateLimited extends ApiFailure {
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number, english: string, russian: string, details?: Record<string, unknown>) {
    const ms = Math.max(0, Math.ceil(retryAfterMs));
    super('rate_limited', english, russian, { retry_after_s: Math.ceil(ms / 1000), ...details });
    this.name = 'RateLimited';
    this.retryAfterMs = ms;
  }
}

/** The server is busy (e.g. the script lock could not be taken in time): the same request may be retried. */
export class Busy extends ApiFailure {
  constructor(english: string, russian: string, details?: Record<string, unknown>) {
    super('busy', english, russian, details);
    this.name = 'Busy';
  }
}

export class Internal extends ApiFailure {
  constructor(english: string, russian: string, details?: Record<string, unknown>) {
    super('internal', english, russian, details);
    this.name = 'Internal';
  }
}

export function isApiFailure(e: unknown): e is ApiFailure {
  return e instanceof ApiFailure;
}

/**
 * What the caller sees for any thrown value. Unexpected errors become 'internal' with a generic message:
 * their text may hold sheet contents or stack details that are not the caller's business (log them instead).
 */
export function toApiError(e: unknown): ApiError {
  if (isApiFailure(e)) return e.toApiError();
  return new Internal('Something went wrong on the server', 'Ошибка на сервере').toApiError();
}

/**
 * An exposed function refused its caller. google.script.run hands a page only the error's message, so the
 * message itself starts with the code ("forbidden: ...").
 */
export class CallerRefused extends Forbidden {
  constructor(english: string, russian: string) {
    super(english, russian);
    this.name = 'CallerRefused';
    this.message = `forbidden: ${this.message}`;
  }
}
