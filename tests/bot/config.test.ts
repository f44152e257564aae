// Reading the bot's settings from the environment: defaults, and every problem named at once.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadBotConfig } from '../../bot/config.ts';

const GOOD = {
  TELEGRAM_BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345',
  WTT_WEB_APP_URL: 'http://127.0.0.1:8080/exec',
  BOT_SHARED_SECRET: 'a-long-enough-shared-secret',
};

describe('loadBotConfig', () => {
  it('applies defaults', () => {
    expect(loadBotConfig(GOOD)).toEqual({
      token: GOOD.TELEGRAM_BOT_TOKEN,
      webAppUrl: GOOD.WTT_WEB_APP_URL,
      sharedSecret: GOOD.BOT_SHARED_SECRET,
      port: 8081,
      host: '0.0.0.0',
      dataDir: path.join('data', 'bot'),
      apiRoot: undefined,
      pullIntervalMs: 30_000,
      pullLimit: 50,
    });
  });

  it('reads the optional settings, dropping a trailing slash from the API root', () => {
    const c = loadBotConfig({ ...GOOD, BOT_PORT: '9090', BOT_HOST: '127.0.0.1', BOT_DATA_DIR: '/var/lib/wtt-bot', TELEGRAM_API_ROOT: 'http://127.0.0.1:9999/', BOT_PULL_INTERVAL_S: '60' });
    expect(c).toMatchObject({ port: 9090, host: '127.0.0.1', dataDir: '/var/lib/wtt-bot', apiRoot: 'http://127.0.0.1:9999', pullIntervalMs: 60_000 });
  });

  it('names every problem at once', () => {
    const err = (() => {
      try {
        loadBotConfig({ TELEGRAM_BOT_TOKEN: 'nope', BOT_SHARED_SECRET: 'short', BOT_PORT: 'x' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    for (const part of ['TELEGRAM_BOT_TOKEN does not look', 'WTT_WEB_APP_URL is not set', 'BOT_SHARED_SECRET must be at least 16', 'BOT_PORT must be an integer']) {
      expect(err!.message).toContain(part);
    }
  });
});
