// Login by one-time code (login.start, login.finish) and the token check every other op starts with.
// Nothing here says whether an email belongs to someone: login.start answers the same and does the same
// cache work for every address; only the delivery of the code differs.
import type { LoginFinishReply, LoginFinishRequest, LoginStartReply, LoginStartRequest } from '../../../common/api.ts';
import type { StatusInfo } from '../../../common/status.ts';
import { LOGIN_CODE_TTL_SECONDS, MAX_ID_CHARS, TOKEN_TTL_MS } from '../../../common/limits.ts';
import type { Employee } from '../domain/model.ts';
import type { JsonCache } from './json-cache.ts';
import { checkTokenVersion, signToken, verifyToken, type Hmac, type TokenClaims } from '../domain/token.ts';
import { asStoredLoginCode, checkLoginCode, issueLoginCode, type RandomBytes } from '../domain/login-code.ts';
import { asLockoutState, asWindowState, hit, LOGIN_LIMITS, lockoutStatus, recordFailure } from '../domain/rate-limit.ts';
import { BadRequest, Internal, RateLimited, Unauthorized } from '../errors.ts';

// ---- dependencies ----

export interface LoginCrypto {
  hmac: Hmac;
  randomBytes: RandomBytes;
}

/** One code to hand to one person. */
export interface CodeDelivery {
  employee: Employee;
  code: string;
  expiresInS: number;
}

/** A way to get the code to the person: email today; Telegram once the bot provides a channel. */
export interface CodeChannel {
  readonly kind: 'email' | 'telegram';
  /** Throws when the code could not be handed over. */
  send(delivery: CodeDelivery): void;
}

export interface CodeChannels {
  email: CodeChannel;
  /** Absent until the bot is configured. */
  telegram?: CodeChannel;
}

interface LoginBaseDeps {
  /** Every row of Employees (the caller loads them once). */
  employees: readonly Employee[];
  now: number;
  cache: JsonCache;
  /** TOKEN_SIGNING_KEY from Script Properties. */
  signingKey: string;
  crypto: LoginCrypto;
  /**
   * Runs `fn` under the script lock and releases it even when `fn` throws. The counters and the code are
   * read, checked and written as one step: without it, parallel guesses would all read "0 failures".
   */
  exclusive: <T>(fn: () => T) => T;
}

export interface LoginStartDeps extends LoginBaseDeps {
  channels: CodeChannels;
}

export interface LoginFinishDeps extends LoginBaseDeps {
  /** The Statuses tab, as employees see it (sent back with the token). */
  statuses: readonly StatusInfo[];
}

export interface AuthDeps {
  employees: readonly Employee[];
  now: number;
  signingKey: string;
  crypto: Pick<LoginCrypto, 'hmac'>;
}

// ---- login.start ----

const START_REPLY: LoginStartReply = { sent: true, channel_hint: 'email_or_telegram', expires_in_s: LOGIN_CODE_TTL_SECONDS };
const CODE_TTL_MS = LOGIN_CODE_TTL_SECONDS * 1000;
/** The counters and the code are written in one call, so with one lifetime: the longest they need. */
const START_ENTRIES_TTL_S = Math.max(LOGIN_LIMITS.startPerEmail.windowMs, LOGIN_LIMITS.startPerDevice.windowMs, CODE_TTL_MS) / 1000;
const FAILURES_TTL_S = Math.max(LOGIN_LIMITS.wrongCodes.windowMs, LOGIN_LIMITS.wrongCodes.lockMs) / 1000;

/**
 * Issues a code for the email and sends it if the email is an active employee's. The reply, the rate
 * limits and the cache writes are the same for any address, so the answer tells nothing about it.
 */
export function loginStart(req: LoginStartRequest, deps: LoginStartDeps): LoginStartReply {
  const email = normalizeEmail(req.email);
  const keys = loginCacheKeys(email, checkedDeviceId(req.device_id), deps);
  const { now } = deps;

  const code = deps.exclusive(() => {
    const cached = deps.cache.getAll([keys.startByEmail, keys.startByDevice]);
    const byEmail = hit(asWindowState(cached[keys.startByEmail]), now, LOGIN_LIMITS.startPerEmail.limit, LOGIN_LIMITS.startPerEmail.windowMs);
    const byDevice = hit(asWindowState(cached[keys.startByDevice]), now, LOGIN_LIMITS.startPerDevice.limit, LOGIN_LIMITS.startPerDevice.windowMs);
    // A refused request spends neither budget: nothing is written.
    if (!byEmail.allowed || !byDevice.allowed) throw tooManyAttempts(Math.max(byEmail.retryAfterMs, byDevice.retryAfterMs));

    // Issued for unknown addresses too (nobody ever sees that code): the same work and the same writes.
    const issued = issueLoginCode({ email, now, ttlMs: CODE_TTL_MS, key: deps.signingKey, hmac: deps.crypto.hmac, randomBytes: deps.crypto.randomBytes });
    // Replaces any earlier code of this email: only the newest one works.
    deps.cache.putAll({ [keys.startByEmail]: byEmail.state, [keys.startByDevice]: byDevice.state, [keys.code]: issued.stored }, START_ENTRIES_TTL_S);
    return issued.code;
  });

  const employee = findActiveByEmail(deps.employees, email);
  if (employee) deliverCode({ employee, code, expiresInS: LOGIN_CODE_TTL_SECONDS }, deps.channels);
  return { ...START_REPLY };
}

/** Telegram when the employee linked a chat and the bot channel exists; email otherwise. */
export function chooseCodeChannel(employee: Employee, channels: CodeChannels): CodeChannel {
  return employee.telegram_chat_id !== '' && channels.telegram ? channels.telegram : channels.email;
}

/** A failed Telegram delivery (bot down) falls back to email, so a linked chat never blocks a login. */
function deliverCode(delivery: CodeDelivery, channels: CodeChannels): void {
  const first = chooseCodeChannel(delivery.employee, channels);
  try {
    first.send(delivery);
    return;
  } catch {
    if (first === channels.email) throw codeNotSent();
  }
  try {
    channels.email.send(delivery);
  } catch {
    throw codeNotSent();
  }
}

// ---- login.finish ----

/** Exchanges the right code for a session token; the code works once. */
export function loginFinish(req: LoginFinishRequest, deps: LoginFinishDeps): LoginFinishReply {
  const email = normalizeEmail(req.email);
  const deviceId = checkedDeviceId(req.device_id);
  const keys = loginCacheKeys(email, deviceId, deps);
  const { now } = deps;
  const employee = findActiveByEmail(deps.employees, email);

  deps.exclusive(() => {
    const cached = deps.cache.getAll([keys.code, keys.failures]);
    const failures = asLockoutState(cached[keys.failures]);
    // Checked before the code: while locked even the right code is refused, so guessing gains nothing.
    const lock = lockoutStatus(failures, now);
    if (lock.locked) throw lockedOut(lock.retryAfterMs);

    const check = checkLoginCode(req.code, email, asStoredLoginCode(cached[keys.code]), now, deps.signingKey, deps.crypto.hmac);
    if (check === 'ok' && employee) {
      deps.cache.removeAll([keys.code, keys.failures]);
      return;
    }
    const counted = recordFailure(failures, now, LOGIN_LIMITS.wrongCodes);
    deps.cache.putAll({ [keys.failures]: counted }, FAILURES_TTL_S);
    throw wrongCode(lockoutStatus(counted, now).retryAfterMs);
  });

  const person = employee as Employee;
  const expiresAt = now + TOKEN_TTL_MS;
  const token = signToken({ employeeId: person.id, deviceId, expiresAt, tokenVersion: person.token_version }, deps.signingKey, deps.crypto.hmac);
  return {
    token,
    expires_at: expiresAt,
    employee: { id: person.id, email: person.email, name: person.name, group: person.group, role: person.role },
    statuses: deps.statuses.map((s) => ({ ...s })),
  };
}

// ---- every authenticated op ----

/**
 * The employee behind a token: signed by us, not expired, from its own device (when the op names one),
 * an active employee, and not revoked by a token_version bump. Otherwise Unauthorized with a reason.
 */
export function authenticate(token: string, deviceId: string | undefined, deps: AuthDeps): { claims: TokenClaims; employee: Employee } {
  const claims = verifyToken(token, deps.signingKey, deps.crypto.hmac, { now: deps.now, deviceId });
  const employee = deps.employees.find((e) => e.id === claims.employeeId);
  if (!employee) {
    throw new Unauthorized('unknown_employee', 'The session belongs to nobody in Employees; sign in again', 'Сеанс принадлежит сотруднику, которого нет в Employees; войдите снова');
  }
  if (!employee.active) {
    throw new Unauthorized('inactive', 'This employee is no longer active; ask an administrator', 'Этот сотрудник больше не активен; обратитесь к администратору');
  }
  checkTokenVersion(claims, employee);
  return { claims, employee };
}

// ---- helpers ----

export function normalizeEmail(email: string): string {
  return String(email).trim().toLowerCase();
}

function findActiveByEmail(employees: readonly Employee[], email: string): Employee | undefined {
  return employees.find((e) => e.active && e.email === email);
}

function checkedDeviceId(deviceId: string): string {
  if (typeof deviceId !== 'string' || deviceId === '' || deviceId.length > MAX_ID_CHARS) {
    throw new BadRequest('device_id is missing or too long', 'device_id отсутствует или слишком длинный', { field: 'device_id' });
  }
  return deviceId;
}

/**
 * The cache keys of one email and device (exported for an admin "unlock" and for tests). An email can be
 * 254 characters and a cache key at most 250, so the email enters as its HMAC (which also keeps addresses
 * out of the cache); device ids are short by the request schema.
 */
export function loginCacheKeys(email: string, deviceId: string, deps: { signingKey: string; crypto: Pick<LoginCrypto, 'hmac'> }) {
  const e = deps.crypto.hmac(`cache-key.email.${email}`, deps.signingKey);
  return {
    startByEmail: `wtt.login.start.e.${e}`,
    startByDevice: `wtt.login.start.d.${deviceId}`,
    code: `wtt.login.code.${e}`,
    failures: `wtt.login.fail.${e}`,
  };
}

/** "in 3 min" / "через 3 мин.": rounded up, so the client never retries too early. */
export function waitText(ms: number): { en: string; ru: string } {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return { en: `${seconds} s`, ru: `${seconds} с` };
  const minutes = Math.ceil(seconds / 60);
  return { en: `${minutes} min`, ru: `${minutes} мин.` };
}

function tooManyAttempts(retryAfterMs: number): RateLimited {
  const w = waitText(retryAfterMs);
  return new RateLimited(retryAfterMs, `Too many sign-in attempts; try again in ${w.en}`, `Слишком много попыток входа; повторите через ${w.ru}`);
}

function lockedOut(retryAfterMs: number): RateLimited {
  const w = waitText(retryAfterMs);
  return new RateLimited(
    retryAfterMs,
    `Too many wrong codes: sign-in for this email is locked; try again in ${w.en}`,
    `Слишком много неверных кодов: вход для этого адреса заблокирован; повторите через ${w.ru}`,
  );
}

function wrongCode(lockedForMs: number): Unauthorized {
  if (lockedForMs > 0) {
    const w = waitText(lockedForMs);
    return new Unauthorized(
      'wrong_code',
      `The code is wrong. Too many wrong codes: sign-in for this email is locked for ${w.en}`,
      `Код неверный. Слишком много неверных кодов: вход для этого адреса заблокирован на ${w.ru}`,
      { retry_after_s: Math.ceil(lockedForMs / 1000) },
    );
  }
  return new Unauthorized('wrong_code', 'The code is wrong or has expired; check it or ask for a new one', 'Код неверный или истёк; проверьте его или запросите новый');
}

function codeNotSent(): Internal {
  return new Internal('The code could not be sent; try again later or ask an administrator', 'Не удалось отправить код; попробуйте позже или обратитесь к администратору');
}
