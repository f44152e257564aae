// Logger and console: both write to the execution log (ctx.log).
import { format as nodeFormat } from 'node:util';
import type { FacadeContext } from '../runtime/contracts.ts';

/**
 * How Logger shows a value: strings as they are, objects and arrays the way the Java side prints maps
 * and lists ({a=1, b=x}, [1, 2]).
 */
export function loggerString(v: unknown, seen = new Set<unknown>()): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v !== 'object') return String(v);
  if (Object.prototype.toString.call(v) === '[object Date]') return String(v);
  if (seen.has(v)) return '(this Map)';
  seen.add(v);
  try {
    if (Array.isArray(v)) return `[${v.map((x) => loggerString(x, seen)).join(', ')}]`;
    if (typeof (v as { toString?: unknown }).toString === 'function' && (v as object).toString !== Object.prototype.toString) {
      const s = String(v);
      if (s !== '[object Object]') return s;
    }
    return `{${Object.keys(v)
      .map((k) => `${k}=${loggerString((v as Record<string, unknown>)[k], seen)}`)
      .join(', ')}}`;
  } finally {
    seen.delete(v);
  }
}

/** reference/base/logger#log(format, values): "multiple %s placeholders, which are replaced with corresponding values". */
export function formatLoggerMessage(first: unknown, values: unknown[]): string {
  if (values.length === 0) return loggerString(first);
  let i = 0;
  return String(first).replace(/%s/g, (m) => (i < values.length ? loggerString(values[i++]) : m));
}

type LoggerApi = Pick<GoogleAppsScript.Base.Logger, 'log'>;

export function createLogger(ctx: FacadeContext): LoggerApi {
  const logger: LoggerApi = {
    log(data: unknown, ...values: unknown[]) {
      ctx.meter.count('Logger.log');
      ctx.log('info', formatLoggerMessage(data, values));
      return logger as GoogleAppsScript.Base.Logger;
    },
  };
  return logger;
}

type ConsoleApi = Pick<Console, 'log' | 'info' | 'warn' | 'error'>;

export function createConsole(ctx: FacadeContext): ConsoleApi {
  const write = (level: 'log' | 'info' | 'warn' | 'error') => (...args: unknown[]) => {
    ctx.meter.count(`console.${level}`);
    ctx.log(level, nodeFormat(...args));
  };
  return { log: write('log'), info: write('info'), warn: write('warn'), error: write('error') };
}
