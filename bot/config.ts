// The bot's settings, read from the environment once at start. Secrets come only from the environment.
import path from 'node:path';

export interface BotConfig {
  /** From @BotFather. */
  token: string;
  /** The web app's /exec URL (Apps Script deployment, or http://127.0.0.1:8080/exec locally). */
  webAppUrl: string;
  /** Also in the spreadsheet's Script Properties as BOT_SHARED_SECRET. */
  sharedSecret: string;
  /** Where the alert intake listens (POST /alerts); Settings bot_url must reach it. 0 picks a free port. */
  port: number;
  host: string;
  /** Holds the delivered alert ids, so a restart never delivers an alert twice. */
  dataDir: string;
  /** Telegram Bot API root; a fake Telegram server in tests. */
  apiRoot?: string;
  /** How often pending alerts are pulled from the web app (the way alerts arrive without a public URL). */
  pullIntervalMs: number;
  /** At most this many alerts per pull. */
  pullLimit: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DEFAULTS = {
  port: 8081,
  host: '0.0.0.0',
  dataDir: path.join('data', 'bot'),
  pullIntervalMs: 30_000,
  pullLimit: 50,
} as const;

/** Reads BotConfig from environment variables; throws ConfigError naming every problem at once. */
export function loadBotConfig(env: Record<string, string | undefined>): BotConfig {
  const problems: string[] = [];
  const required = (name: string): string => {
    const v = env[name]?.trim();
    if (!v) problems.push(`${name} is not set`);
    return v ?? '';
  };
  const integer = (name: string, fallback: number, min: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) {
      problems.push(`${name} must be an integer >= ${min} (got ${JSON.stringify(raw)})`);
      return fallback;
    }
    return n;
  };

  const token = required('TELEGRAM_BOT_TOKEN');
  if (token && !/^\d+:[\w-]{20,}$/.test(token)) problems.push('TELEGRAM_BOT_TOKEN does not look like a BotFather token (123456:ABC...)');
  const webAppUrl = required('WTT_WEB_APP_URL');
  if (webAppUrl && !isHttpUrl(webAppUrl)) problems.push(`WTT_WEB_APP_URL must be an http(s) URL (got ${JSON.stringify(webAppUrl)})`);
  const sharedSecret = required('BOT_SHARED_SECRET');
  if (sharedSecret && sharedSecret.length < 16) problems.push('BOT_SHARED_SECRET must be at least 16 characters');
  const apiRoot = env.TELEGRAM_API_ROOT?.trim() || undefined;
  if (apiRoot && !isHttpUrl(apiRoot)) problems.push(`TELEGRAM_API_ROOT must be an http(s) URL (got ${JSON.stringify(apiRoot)})`);

  const config: BotConfig = {
    token,
    webAppUrl,
    sharedSecret,
    port: integer('BOT_PORT', DEFAULTS.port, 0),
    host: env.BOT_HOST?.trim() || DEFAULTS.host,
    dataDir: env.BOT_DATA_DIR?.trim() || DEFAULTS.dataDir,
    apiRoot: apiRoot?.replace(/\/+$/, ''),
    pullIntervalMs: integer('BOT_PULL_INTERVAL_S', DEFAULTS.pullIntervalMs / 1000, 5) * 1000,
    pullLimit: DEFAULTS.pullLimit,
  };
  if (config.port > 65535) problems.push(`BOT_PORT must be at most 65535 (got ${config.port})`);
  if (problems.length > 0) throw new ConfigError(`The bot cannot start:\n  - ${problems.join('\n  - ')}`);
  return config;
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
