// The bot's log: one line per event on stderr. Injected everywhere so tests stay quiet and can assert on it.
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

export const consoleLogger: Logger = {
  info: (m) => console.log(`[bot] ${m}`),
  warn: (m) => console.warn(`[bot] ${m}`),
  error: (m, err) => console.error(`[bot] ${m}`, ...(err === undefined ? [] : [err])),
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** A short description of anything thrown, for a log line or an alert receipt. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
