// Logger and console against developers.google.com/apps-script/reference/base/logger and
// guides/logging (console.log/info/warn/error).
import { describe, expect, it } from 'vitest';
import { createDirectContext } from '../../emulator/runtime/direct.ts';
import { createConsole, createLogger } from '../../emulator/gas/logger.ts';

function setup() {
  const ctx = createDirectContext({});
  return { ctx, Logger: createLogger(ctx), console: createConsole(ctx) };
}

describe('Logger', () => {
  it('log(data) writes the value to the execution log (logger#log(Object))', () => {
    const { ctx, Logger } = setup();
    Logger.log('Hello');
    Logger.log(42);
    Logger.log(null);
    expect(ctx.logs).toEqual([
      { level: 'info', message: 'Hello' },
      { level: 'info', message: '42' },
      { level: 'info', message: 'null' },
    ]);
  });

  it('log(format, values) replaces each %s with the next value (logger#log(String,Object...))', () => {
    const { ctx, Logger } = setup();
    Logger.log('<meta name="%s" content="%s"/>', 'viewport', 'width=device-width');
    Logger.log('%s of %s: %s', 1, 3);
    expect(ctx.logs.map((l) => l.message)).toEqual(['<meta name="viewport" content="width=device-width"/>', '1 of 3: %s']);
  });

  it('shows objects and arrays as the Java side prints maps and lists', () => {
    const { ctx, Logger } = setup();
    Logger.log({ a: 1, b: 'x', c: [1, 2] });
    Logger.log('row: %s', ['a', 5]);
    expect(ctx.logs.map((l) => l.message)).toEqual(['{a=1, b=x, c=[1, 2]}', 'row: [a, 5]']);
  });

  it('returns the Logger for chaining, and counts one call per log', () => {
    const { ctx, Logger } = setup();
    expect(Logger.log('a')).toBe(Logger);
    Logger.log('b');
    expect(ctx.meter.calls).toEqual({ 'Logger.log': 2 });
  });
});

describe('console', () => {
  it('log, info, warn and error write at their level, with format substitution (guides/logging)', () => {
    const { ctx, console } = setup();
    console.log('plain %s', 'text');
    console.info('count: %d', 3);
    console.warn('careful', { a: 1 });
    console.error(new Error('boom').message);
    expect(ctx.logs).toEqual([
      { level: 'log', message: 'plain text' },
      { level: 'info', message: 'count: 3' },
      { level: 'warn', message: 'careful { a: 1 }' },
      { level: 'error', message: 'boom' },
    ]);
    expect(ctx.meter.calls).toEqual({ 'console.log': 1, 'console.info': 1, 'console.warn': 1, 'console.error': 1 });
  });
});
