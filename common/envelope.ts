// Every web-app reply is one of these JSON envelopes (Apps Script replies carry no status code).
import type { ErrorCode } from './errors.ts';

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Optional detail for the caller, e.g. which field was wrong. JSON-safe. */
  details?: Record<string, unknown>;
}

export type Envelope<T extends object> = ({ ok: true } & T) | { ok: false; error: ApiError };

export interface HealthReply {
  service: 'worktimetracker';
  version: string;
  server_time: number;
  time_zone: string;
}
