// login.start / login.finish / authenticate over the emulated Apps Script services: the real script cache,
// Script Properties, Utilities and MailApp, with the controllable clock. Each request is its own execution.
import { describe, expect, it } from 'vitest';
import { installGasGlobals } from '../helpers/gas-globals.ts';
import { authenticate, chooseCodeChannel, loginCacheKeys, loginFinish, loginStart, type CodeChannel, type CodeChannels, type CodeDelivery, type LoginFinishDeps, type LoginStartDeps } from '../../appsscript/src/services/login.ts';
import { ApiFailure, Internal, RateLimited, Unauthorized } from '../../appsscript/src/errors.ts';
import { scriptJsonCache } from '../../appsscript/src/gas/cache-store.ts';
import { gasCrypto } from '../../appsscript/src/gas/crypto.ts';
import { emailCodeChannel } from '../../appsscript/src/gas/mailer.ts';
import { tokenSigningKey } from '../../appsscript/src/gas/secrets.ts';
import { LOGIN_CODE_TTL_SECONDS, TOKEN_TTL_MS } from '../../common/limits.ts';
import type { StatusInfo } from '../../common/status.ts';
import type { LoginFinishReply } from '../../common/api.ts';
import type { Employee } from '../../appsscript/src/domain/model.ts';
import { employee } from './helpers.ts';

const T0 = Date.UTC(2026, 2, 2, 6, 0);
const MIN = 60_000;
const STATUSES: StatusInfo[] = [
  { code: 'work', label_ru: 'Работа', label_en: 'Work', kind: 'work', counts_as_work: true, color: '#34a853' },
  { code: 'break', label_ru: 'Перерыв', label_en: 'Break', kind: 'break', counts_as_work: false, color: '#fbbc04' },
];

function withScriptLock<T>(fn: () => T): T {
  const lock = LockService.getScriptLock();
  lock.waitLock(10_000);
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}

/** A small office: one active employee, one who left, and requests that each run as a fresh execution. */
function office(o: { channels?: () => CodeChannels } = {}) {
  const world = installGasGlobals();
  world.clock.set(T0, { frozen: true });
  tokenSigningKey(); // made once beforehand, so no request pays for making it
  const people: Employee[] = [
    employee({ id: 'E1', email: 'anna@example.com' }),
    employee({ id: 'E2', email: 'old@example.com', name: 'Left', active: false }),
  ];
  const deps = (): LoginStartDeps & LoginFinishDeps => ({
    employees: people,
    now: world.clock.now(),
    cache: scriptJsonCache(),
    signingKey: tokenSigningKey(),
    crypto: gasCrypto,
    exclusive: withScriptLock,
    channels: o.channels ? o.channels() : { email: emailCodeChannel },
    statuses: STATUSES,
  });
  const start = (email: string, device = 'dev-1') => {
    world.newExecution();
    return loginStart({ op: 'login.start', email, device_id: device }, deps());
  };
  const finish = (email: string, code: string, device = 'dev-1'): LoginFinishReply => {
    world.newExecution();
    return loginFinish({ op: 'login.finish', email, code, device_id: device }, deps());
  };
  const auth = (token: string, device: string | undefined) => {
    world.newExecution();
    return authenticate(token, device, deps());
  };
  const lastCode = (to = 'anna@example.com'): string => {
    const mail = [...world.deps.mailbox].reverse().find((m) => m.to === to);
    const code = mail?.body.match(/login code: (\d{6})/)?.[1];
    if (!code) throw new Error(`no code mailed to ${to}`);
    return code;
  };
  return { world, people, start, finish, auth, lastCode };
}

function failure(f: () => unknown): ApiFailure {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiFailure);
    return e as ApiFailure;
  }
  throw new Error('expected a failure');
}

const wrongOf = (code: string) => String((Number(code) + 1) % 1e6).padStart(6, '0');

describe('login.start', () => {
  it('mails a 6-digit code to an active employee and says only that a code may have been sent', () => {
    const { world, start, lastCode } = office();
    expect(start('  Anna@Example.com ')).toEqual({ sent: true, channel_hint: 'email_or_telegram', expires_in_s: LOGIN_CODE_TTL_SECONDS });
    expect(world.deps.mailbox).toHaveLength(1);
    expect(world.deps.mailbox[0].to).toBe('anna@example.com');
    expect(lastCode()).toMatch(/^\d{6}$/);
  });

  it('answers an unknown or inactive email exactly the same, with the same service calls, and sends nothing', () => {
    const { world, start } = office();
    const callsOf = (email: string) => {
      const reply = start(email);
      const calls = Object.fromEntries(Object.entries(world.stats().calls).filter(([k]) => !k.startsWith('MailApp.')));
      return { reply, calls };
    };
    const known = callsOf('anna@example.com');
    const unknown = callsOf('nobody@example.com');
    const inactive = callsOf('old@example.com');
    expect(unknown.reply).toEqual(known.reply);
    expect(inactive.reply).toEqual(known.reply);
    expect(unknown.calls).toEqual(known.calls);
    expect(inactive.calls).toEqual(known.calls);
    expect(known.calls['Cache.getAll']).toBe(1);
    expect(known.calls['Cache.putAll']).toBe(1);
    expect(world.deps.mailbox.map((m) => m.to)).toEqual(['anna@example.com']);
  });

  it('limits codes to 5 per email in 15 minutes, whatever the device, and says when to retry', () => {
    const { world, start } = office();
    for (let i = 0; i < 5; i++) {
      start('anna@example.com', `dev-${i}`);
      world.clock.advance(MIN);
    }
    const refused = failure(() => start('anna@example.com', 'dev-new'));
    expect(refused).toBeInstanceOf(RateLimited);
    expect(refused.code).toBe('rate_limited');
    expect(refused.message).toBe('Too many sign-in attempts; try again in 10 min / Слишком много попыток входа; повторите через 10 мин.');
    expect(refused.details).toEqual({ retry_after_s: 600 });
    expect(world.deps.mailbox).toHaveLength(5);
    // The same for an address nobody has: the limit tells nothing either.
    for (let i = 0; i < 5; i++) start('nobody@example.com', `dev-${i}`);
    const nobody = failure(() => start('nobody@example.com', 'dev-9'));
    expect(nobody).toBeInstanceOf(RateLimited);
    expect(nobody.message).toBe('Too many sign-in attempts; try again in 15 min / Слишком много попыток входа; повторите через 15 мин.');
    // The window slides: the first request leaves it 15 minutes after it was made.
    world.clock.set(T0 + 15 * MIN);
    expect(start('anna@example.com', 'dev-new').sent).toBe(true);
    expect(world.deps.mailbox).toHaveLength(6);
  });

  it('limits codes to 10 per device in 15 minutes, whatever the email', () => {
    const { world, start } = office();
    for (let i = 0; i < 10; i++) start(`person${i}@example.com`, 'dev-x');
    expect(failure(() => start('anna@example.com', 'dev-x'))).toBeInstanceOf(RateLimited);
    // A refused request spent nothing: anna still gets her five from another device.
    for (let i = 0; i < 5; i++) start('anna@example.com', 'dev-y');
    expect(world.deps.mailbox).toHaveLength(5);
    world.clock.advance(15 * MIN);
    expect(start('zed@example.com', 'dev-x').sent).toBe(true);
  });
});

describe('login.finish', () => {
  it('exchanges the right code for a token, the employee and the statuses', () => {
    const { start, finish, lastCode, auth } = office();
    start('anna@example.com');
    const reply = finish('ANNA@example.com', lastCode());
    expect(reply.expires_at).toBe(T0 + TOKEN_TTL_MS);
    expect(reply.employee).toEqual({ id: 'E1', email: 'anna@example.com', name: 'Анна Петрова', group: 'Support', role: 'employee' });
    expect(reply.statuses).toEqual(STATUSES);
    expect(reply.token).toMatch(/^v1\./);
    const { claims, employee: who } = auth(reply.token, 'dev-1');
    expect(who.id).toBe('E1');
    expect(claims).toEqual({ employeeId: 'E1', deviceId: 'dev-1', expiresAt: T0 + TOKEN_TTL_MS, tokenVersion: 1 });
  });

  it('takes a code once', () => {
    const { start, finish, lastCode } = office();
    start('anna@example.com');
    const code = lastCode();
    finish('anna@example.com', code);
    const again = failure(() => finish('anna@example.com', code));
    expect(again).toBeInstanceOf(Unauthorized);
    expect((again as Unauthorized).reason).toBe('wrong_code');
  });

  it('takes only the newest code: a new one replaces the old', () => {
    const { start, finish, lastCode } = office();
    start('anna@example.com');
    const first = lastCode();
    start('anna@example.com');
    const second = lastCode();
    if (first !== second) expect(failure(() => finish('anna@example.com', first)).code).toBe('unauthorized');
    expect(finish('anna@example.com', second).employee.id).toBe('E1');
  });

  it('refuses a code after its 10 minutes', () => {
    const { world, start, finish, lastCode } = office();
    start('anna@example.com');
    world.clock.advance(LOGIN_CODE_TTL_SECONDS * 1000);
    expect((failure(() => finish('anna@example.com', lastCode())) as Unauthorized).reason).toBe('wrong_code');
  });

  it('locks the email for 15 minutes after 5 wrong codes, even against the right code', () => {
    const { world, start, finish, lastCode } = office();
    start('anna@example.com');
    const code = lastCode();
    for (let i = 0; i < 4; i++) {
      const f = failure(() => finish('anna@example.com', wrongOf(code), `dev-${i}`));
      expect(f.message).toBe('The code is wrong or has expired; check it or ask for a new one / Код неверный или истёк; проверьте его или запросите новый');
    }
    const fifth = failure(() => finish('anna@example.com', wrongOf(code)));
    expect(fifth.code).toBe('unauthorized');
    expect(fifth.message).toMatch(/locked for 15 min .*заблокирован на 15 мин\./);
    const locked = failure(() => finish('anna@example.com', code));
    expect(locked).toBeInstanceOf(RateLimited);
    expect(locked.message).toMatch(/locked; try again in 15 min \/ .*повторите через 15 мин\./);
    world.clock.advance(14 * MIN);
    expect(failure(() => finish('anna@example.com', code)).message).toMatch(/try again in 1 min/);
    // After the lock: a fresh code works (the old one has expired meanwhile).
    world.clock.advance(MIN);
    start('anna@example.com');
    expect(finish('anna@example.com', lastCode()).employee.id).toBe('E1');
  });

  it('a right code clears the count of wrong ones', () => {
    const { start, finish, lastCode } = office();
    start('anna@example.com');
    for (let i = 0; i < 4; i++) failure(() => finish('anna@example.com', wrongOf(lastCode())));
    finish('anna@example.com', lastCode());
    start('anna@example.com');
    failure(() => finish('anna@example.com', wrongOf(lastCode())));
    expect(finish('anna@example.com', lastCode()).employee.id).toBe('E1');
  });

  it('refuses an inactive employee or an unknown email like a wrong code', () => {
    const { start, finish } = office();
    start('old@example.com');
    start('nobody@example.com');
    expect((failure(() => finish('old@example.com', '123456')) as Unauthorized).reason).toBe('wrong_code');
    expect((failure(() => finish('nobody@example.com', '123456')) as Unauthorized).reason).toBe('wrong_code');
  });

  it('reads, checks and writes the counters inside `exclusive`', () => {
    const { world, start, lastCode } = office();
    start('anna@example.com');
    world.newExecution();
    const seen: string[] = [];
    const cache = scriptJsonCache();
    let inside = false;
    const spy = {
      getAll: (k: readonly string[]) => (seen.push(`getAll:${inside}`), cache.getAll(k)),
      putAll: (v: Record<string, unknown>, t: number) => (seen.push(`putAll:${inside}`), cache.putAll(v, t)),
      removeAll: (k: readonly string[]) => (seen.push(`removeAll:${inside}`), cache.removeAll(k)),
    };
    const exclusive = <T>(fn: () => T): T => {
      inside = true;
      try {
        return fn();
      } finally {
        inside = false;
      }
    };
    const base = { employees: [employee()], now: world.clock.now(), cache: spy, signingKey: tokenSigningKey(), crypto: gasCrypto, exclusive, statuses: STATUSES };
    failure(() => loginFinish({ op: 'login.finish', email: 'anna@example.com', code: wrongOf(lastCode()), device_id: 'd' }, base));
    loginFinish({ op: 'login.finish', email: 'anna@example.com', code: lastCode(), device_id: 'd' }, base);
    loginStart({ op: 'login.start', email: 'anna@example.com', device_id: 'd' }, { ...base, channels: { email: emailCodeChannel } });
    expect(seen).toEqual(['getAll:true', 'putAll:true', 'getAll:true', 'removeAll:true', 'getAll:true', 'putAll:true']);
  });
});

describe('authenticate', () => {
  function signedIn() {
    const o = office();
    o.start('anna@example.com');
    const { token } = o.finish('anna@example.com', o.lastCode());
    return { ...o, token };
  }
  const reason = (f: () => unknown) => (failure(f) as Unauthorized).reason;

  it('refuses the token from another device', () => {
    const { auth, token } = signedIn();
    expect(reason(() => auth(token, 'dev-2'))).toBe('device_mismatch');
    expect(auth(token, undefined).employee.id).toBe('E1'); // ops without a device id (state)
  });

  it('lets the token expire with the clock', () => {
    const { world, auth, token } = signedIn();
    world.clock.advance(TOKEN_TTL_MS - 1);
    expect(auth(token, 'dev-1').employee.id).toBe('E1');
    world.clock.advance(1);
    expect(reason(() => auth(token, 'dev-1'))).toBe('expired');
  });

  it('revokes every token when token_version is bumped', () => {
    const { people, auth, token } = signedIn();
    people[0] = { ...people[0], token_version: 2 };
    expect(reason(() => auth(token, 'dev-1'))).toBe('revoked');
  });

  it('refuses tokens of inactive or deleted employees, forged and malformed tokens', () => {
    const { people, auth, token } = signedIn();
    const [v, payload, sig] = token.split('.');
    expect(reason(() => auth(`${v}.${payload}x.${sig}`, 'dev-1'))).toBe('forged');
    expect(reason(() => auth('garbage', 'dev-1'))).toBe('malformed');
    people[0] = { ...people[0], active: false };
    expect(reason(() => auth(token, 'dev-1'))).toBe('inactive');
    people.splice(0, 1);
    expect(reason(() => auth(token, 'dev-1'))).toBe('unknown_employee');
  });

  it('refuses a token signed with another key (e.g. after the key was replaced)', () => {
    const { world, auth, token } = signedIn();
    world.newExecution();
    PropertiesService.getScriptProperties().deleteProperty('TOKEN_SIGNING_KEY');
    expect(reason(() => auth(token, 'dev-1'))).toBe('forged');
  });
});

describe('code channels', () => {
  function fake(kind: 'email' | 'telegram', fail = false) {
    const sent: CodeDelivery[] = [];
    const channel: CodeChannel = {
      kind,
      send: (d) => {
        if (fail) throw new Error(`${kind} is down`);
        sent.push(d);
      },
    };
    return { channel, sent };
  }

  it('chooses Telegram only when the employee linked a chat and the bot channel exists', () => {
    const email = fake('email').channel;
    const telegram = fake('telegram').channel;
    expect(chooseCodeChannel(employee({ telegram_chat_id: '12345' }), { email, telegram })).toBe(telegram);
    expect(chooseCodeChannel(employee({ telegram_chat_id: '' }), { email, telegram })).toBe(email);
    expect(chooseCodeChannel(employee({ telegram_chat_id: '12345' }), { email })).toBe(email);
  });

  it('sends the code by Telegram to a linked employee, and the code works', () => {
    const email = fake('email');
    const telegram = fake('telegram');
    const o = office({ channels: () => ({ email: email.channel, telegram: telegram.channel }) });
    o.people[0] = { ...o.people[0], telegram_chat_id: '777' };
    o.start('anna@example.com');
    expect(email.sent).toEqual([]);
    expect(telegram.sent).toHaveLength(1);
    expect(telegram.sent[0].employee.telegram_chat_id).toBe('777');
    expect(telegram.sent[0].expiresInS).toBe(LOGIN_CODE_TTL_SECONDS);
    expect(o.finish('anna@example.com', telegram.sent[0].code).employee.id).toBe('E1');
  });

  it('falls back to email when Telegram fails; says so when email fails too', () => {
    const email = fake('email');
    const o = office({ channels: () => ({ email: email.channel, telegram: fake('telegram', true).channel }) });
    o.people[0] = { ...o.people[0], telegram_chat_id: '777' };
    o.start('anna@example.com');
    expect(email.sent).toHaveLength(1);

    const broken = office({ channels: () => ({ email: fake('email', true).channel }) });
    const f = failure(() => broken.start('anna@example.com'));
    expect(f).toBeInstanceOf(Internal);
    expect(f.message).not.toMatch(/down/); // the cause stays on the server
  });
});

describe('secrets stay secret', () => {
  it('no reply, error or mail carries the signing key, and no code is stored in the cache', () => {
    const { world, start, finish, lastCode } = office();
    start('anna@example.com');
    const code = lastCode();
    world.newExecution();
    const key = tokenSigningKey();
    const keys = loginCacheKeys('anna@example.com', 'dev-1', { signingKey: key, crypto: gasCrypto });
    const cached = CacheService.getScriptCache().getAll(Object.values(keys));
    expect(Object.keys(cached).sort()).toEqual([keys.code, keys.startByDevice, keys.startByEmail].sort());
    expect(Object.keys(cached).join()).not.toContain('anna');
    const texts = [JSON.stringify(finish('anna@example.com', code)), failure(() => finish('anna@example.com', code)).message, ...world.deps.mailbox.map((m) => m.body)];
    for (const t of texts) expect(t).not.toContain(key);
    expect(JSON.stringify(cached)).not.toContain(code);
  });
});

