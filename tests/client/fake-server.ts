// An in-memory stand-in for the web app, following docs/sync.md and docs/login.md closely enough to test
// the client against: per-device last_seq, duplicates, a gap refused with 'conflict', refusals for good that
// consume their seq, clock correction and clamping, tokens bound to a device, login codes. It can be told
// to fail requests the ways Apps Script does (network errors before or after the work is done, HTML pages,
// HTTP 500, `busy`).
import * as v from 'valibot';
import type {
  CurrentState,
  EntryResult,
  LoginFinishRequest,
  LoginStartRequest,
  StateRequest,
  SyncRequest,
  TimelineSegment,
  TodayBlock,
} from '../../common/api.ts';
import type { ApiError } from '../../common/envelope.ts';
import { describeIssues, isKnownOp, requestSchemas } from '../../common/schemas.ts';
import type { EmployeeInfo } from '../../common/api.ts';
import type { StatusInfo } from '../../common/status.ts';

export const FAILURES = ['network_before', 'network_after', 'not_json', 'http_500', 'busy'] as const;
export type Failure = (typeof FAILURES)[number];

export interface LogRow {
  device_id: string;
  seq: number;
  entry_id: string;
  employee_id: string;
  status: string;
  at: number;
  client_at: number;
  comment: string;
  offline: boolean;
}

export interface SeenRequest {
  op: string;
  body: any;
}

export const ANNA: EmployeeInfo = { id: 'e1', email: 'anna.ivanova@example.com', name: 'Anna Ivanova', group: 'L1', role: 'employee' };
export const BORIS: EmployeeInfo = { id: 'e2', email: 'boris.petrov@example.com', name: 'Boris Petrov', group: 'L1', role: 'employee' };

export const STATUSES: StatusInfo[] = [
  { code: 'work', label_ru: 'Работа', label_en: 'Work', kind: 'work', counts_as_work: true, color: '#34a853' },
  { code: 'break', label_ru: 'Перерыв', label_en: 'Break', kind: 'break', counts_as_work: false, color: '#fbbc04' },
  { code: 'lunch', label_ru: 'Обед', label_en: 'Lunch', kind: 'lunch', counts_as_work: false, color: '#ea4335' },
];

const WEB_APP_URL = 'https://script.example/exec';

export class FakeServer {
  readonly url = WEB_APP_URL;
  readonly employees = [ANNA, BORIS];
  /** Codes the server knows (an admin can remove one to make entries with it refused). */
  knownStatuses = new Set(STATUSES.map((s) => s.code));
  readonly devices = new Map<string, { last_seq: number; last_at: number | null }>();
  readonly log: LogRow[] = [];
  readonly requests: SeenRequest[] = [];
  /** The last code "mailed" per email. */
  readonly mailbox = new Map<string, string>();
  private readonly tokens = new Map<string, { employeeId: string; deviceId: string; revoked: boolean }>();
  private readonly currents = new Map<string, CurrentState>();
  private tokenCounter = 0;
  private codeCounter = 0;

  /** Failures to apply to the next requests, in order (one each). */
  readonly planned: Failure[] = [];
  /** Or: fail each request with this probability, picking the kind at random. */
  failRate = 0;
  failKinds: readonly Failure[] = FAILURES;
  random: () => number = Math.random;
  /** The server's clock. */
  now: () => number = Date.now;
  retentionMs = 40 * 86_400_000;

  inFlight = 0;
  maxInFlight = 0;
  /** How many requests were made to fail, by kind. */
  readonly failed = new Map<Failure, number>();

  /** The fetch the client is given. */
  readonly fetch = async (input: string, init: RequestInit): Promise<Response> => {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      // Let other work interleave, as a real network does.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (input !== this.url) throw new TypeError('Failed to fetch');
      const failure = this.nextFailure();
      if (failure) this.failed.set(failure, (this.failed.get(failure) ?? 0) + 1);
      if (failure === 'network_before') throw new TypeError('Failed to fetch');
      if (failure === 'http_500') return new Response('<html>Internal Server Error</html>', { status: 500 });
      if (failure === 'not_json') {
        return new Response('<!DOCTYPE html><html><body>There are too many scripts running simultaneously</body></html>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        });
      }
      if (failure === 'busy') return json({ ok: false, error: { code: 'busy', message: 'The server is busy / Сервер занят' } });
      const contentType = new Headers(init.headers).get('content-type');
      if (init.method !== 'POST' || !contentType?.startsWith('text/plain')) {
        return json({ ok: false, error: { code: 'bad_request', message: 'POST text/plain expected / Ожидался POST text/plain' } });
      }
      const reply = this.handle(String(init.body));
      // The work is done (and durable) but the reply never arrives.
      if (failure === 'network_after') throw new TypeError('Failed to fetch');
      return json(reply);
    } finally {
      this.inFlight -= 1;
    }
  };

  /** Entries of one device in Log order. */
  logOf(deviceId: string): LogRow[] {
    return this.log.filter((r) => r.device_id === deviceId);
  }

  /** Every token issued so far stops working (token_version raised). */
  revokeTokens(): void {
    for (const t of this.tokens.values()) t.revoked = true;
  }

  /** The Devices row is lost (e.g. a workbook restored from an old copy): last_seq goes back. */
  forgetDevice(deviceId: string, lastSeq = 0): void {
    this.devices.set(deviceId, { last_seq: lastSeq, last_at: null });
  }

  opsSeen(): string[] {
    return this.requests.map((r) => r.op);
  }

  private nextFailure(): Failure | null {
    const planned = this.planned.shift();
    if (planned) return planned;
    if (this.failRate > 0 && this.random() < this.failRate) {
      return this.failKinds[Math.floor(this.random() * this.failKinds.length)];
    }
    return null;
  }

  private handle(text: string): object {
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      return fail('bad_request', 'Not JSON / Не JSON');
    }
    this.requests.push({ op: String(body?.op), body });
    const op: unknown = body?.op;
    if (!isKnownOp(op)) return fail('bad_request', 'Unknown op / Неизвестная операция');
    const checked = v.safeParse(requestSchemas[op], body);
    if (!checked.success) return fail('bad_request', describeIssues(checked.issues));
    switch (body.op) {
      case 'login.start':
        return this.loginStart(body);
      case 'login.finish':
        return this.loginFinish(body);
      case 'sync':
        return this.sync(body);
      case 'state':
        return this.state(body);
    }
    return fail('bad_request', 'Unknown op / Неизвестная операция');
  }

  private loginStart(req: LoginStartRequest): object {
    const email = req.email.trim().toLowerCase();
    if (this.employees.some((e) => e.email === email)) {
      this.mailbox.set(email, String(200000 + ++this.codeCounter));
    }
    return { ok: true, sent: true, channel_hint: 'email_or_telegram', expires_in_s: 600 };
  }

  private loginFinish(req: LoginFinishRequest): object {
    const email = req.email.trim().toLowerCase();
    const employee = this.employees.find((e) => e.email === email);
    if (!employee || this.mailbox.get(email) !== req.code) {
      return fail('unauthorized', 'Wrong or expired code / Неверный или просроченный код', { reason: 'wrong_code' });
    }
    this.mailbox.delete(email);
    const token = `v1.fake-${++this.tokenCounter}`;
    this.tokens.set(token, { employeeId: employee.id, deviceId: req.device_id, revoked: false });
    return {
      ok: true,
      token,
      expires_at: this.now() + 30 * 86_400_000,
      employee,
      statuses: STATUSES.filter((s) => this.knownStatuses.has(s.code)),
    };
  }

  private authenticate(token: string, deviceId: string | undefined): { employeeId: string } | ApiError {
    const t = this.tokens.get(token);
    if (!t) return { code: 'unauthorized', message: 'Sign in again / Войдите снова', details: { reason: 'forged' } };
    if (t.revoked) return { code: 'unauthorized', message: 'Sign in again / Войдите снова', details: { reason: 'revoked' } };
    if (deviceId !== undefined && deviceId !== t.deviceId) {
      return { code: 'unauthorized', message: 'Sign in again / Войдите снова', details: { reason: 'device_mismatch' } };
    }
    return { employeeId: t.employeeId };
  }

  private sync(req: SyncRequest): object {
    const auth = this.authenticate(req.token, req.device_id);
    if ('code' in auth) return { ok: false, error: auth };
    const now = this.now();
    const device = this.devices.get(req.device_id) ?? { last_seq: 0, last_at: null };
    let missing: number | null = null;
    const results: EntryResult[] = new Array(req.entries.length);
    const order = req.entries.map((_, i) => i).sort((a, b) => req.entries[a].seq - req.entries[b].seq || a - b);
    for (const i of order) {
      const e = req.entries[i];
      if (e.seq <= device.last_seq) {
        results[i] = { seq: e.seq, entry_id: e.entry_id, result: 'duplicate' };
        continue;
      }
      if (missing === null && e.seq !== device.last_seq + 1) missing = device.last_seq + 1;
      if (missing !== null) {
        results[i] = {
          seq: e.seq,
          entry_id: e.entry_id,
          result: 'refused',
          code: 'conflict',
          message: `Entry ${e.seq} waits: seq ${missing} has not arrived yet, send it first / Запись ${e.seq} ждёт: запись seq ${missing} ещё не пришла`,
        };
        continue;
      }
      device.last_seq = e.seq;
      const corrected = Math.min(e.at + (now - req.sent_at), now);
      const at = device.last_at === null ? corrected : Math.max(corrected, device.last_at);
      if (e.employee_id !== undefined && e.employee_id !== auth.employeeId) {
        results[i] = { seq: e.seq, entry_id: e.entry_id, result: 'refused', code: 'forbidden', message: 'The entry names another employee / Запись указывает другого сотрудника' };
        continue;
      }
      if (!this.knownStatuses.has(e.status)) {
        results[i] = { seq: e.seq, entry_id: e.entry_id, result: 'refused', code: 'bad_request', message: `Unknown status "${e.status}" / Неизвестный статус «${e.status}»` };
        continue;
      }
      if (at < now - this.retentionMs) {
        results[i] = { seq: e.seq, entry_id: e.entry_id, result: 'refused', code: 'bad_request', message: 'Older than the retention window (40 days) / Старше срока хранения (40 дн.)' };
        continue;
      }
      device.last_at = at;
      results[i] = { seq: e.seq, entry_id: e.entry_id, result: 'accepted', at };
      this.log.push({
        device_id: req.device_id,
        seq: e.seq,
        entry_id: e.entry_id,
        employee_id: auth.employeeId,
        status: e.status,
        at,
        client_at: e.at,
        comment: e.comment ?? '',
        offline: e.offline ?? false,
      });
      const current = this.currents.get(auth.employeeId);
      if (!current || at >= current.since) {
        if (!current || current.status !== e.status) this.currents.set(auth.employeeId, { status: e.status, since: at });
      }
    }
    this.devices.set(req.device_id, device);
    return {
      ok: true,
      accepted_through_seq: device.last_seq,
      results,
      server_time: now,
      current: this.currents.get(auth.employeeId) ?? null,
      today: this.today(auth.employeeId),
    };
  }

  private state(req: StateRequest): object {
    const auth = this.authenticate(req.token, undefined);
    if ('code' in auth) return { ok: false, error: auth };
    return {
      ok: true,
      server_time: this.now(),
      current: this.currents.get(auth.employeeId) ?? null,
      today: this.today(auth.employeeId),
      statuses: STATUSES.filter((s) => this.knownStatuses.has(s.code)),
    };
  }

  private today(employeeId: string): TodayBlock {
    const rows = this.log.filter((r) => r.employee_id === employeeId).sort((a, b) => a.at - b.at);
    const timeline: TimelineSegment[] = [];
    for (const r of rows) {
      const last = timeline.at(-1);
      if (last && last.status === r.status) continue;
      if (last) last.end = r.at;
      timeline.push({ status: r.status, start: r.at, end: null, source: 'web' });
    }
    return { date: new Date(this.now()).toISOString().slice(0, 10), time_zone: 'UTC', schedule: null, timeline, violations: [] };
  }
}

function json(value: object): Response {
  return new Response(JSON.stringify(value), { status: 200, headers: { 'content-type': 'application/json' } });
}

function fail(code: ApiError['code'], message: string, details?: Record<string, unknown>): object {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}
