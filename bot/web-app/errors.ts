// What can go wrong calling the web app, as two kinds the features treat differently.
import type { ErrorCode } from '../../common/errors.ts';

/** The server answered and refused: its message is meant for the user ("English / Русский"). */
export class WebAppError extends Error {
  override name = 'WebAppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** No usable answer (network, timeout, an HTML error page such as "too many scripts running"): try later. */
export class WebAppUnavailableError extends Error {
  override name = 'WebAppUnavailableError';
}
