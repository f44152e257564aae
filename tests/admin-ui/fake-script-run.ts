// A stand-in for google.script.run in the console's page tests: each `adminRpc(op, payload)` is answered by
// the test's handler for that op, a macrotask later (as the real one answers after a round trip), with an
// envelope from the success handler or, when the handler throws, the failure handler. Other server functions
// a page calls (show<Page>, a menu action) are answered by `onFunction` handlers the same way.
import type { AdminOp, AdminReply, PersonRecord, GroupRecord, RuleRecord, RuleSetRecord, StatusRecord, Viewer } from '../../common/admin-api.ts';
import type { ErrorCode } from '../../common/errors.ts';
import type { ScriptRun } from '../../appsscript/ui/rpc.ts';

export type Handler = (payload: any) => unknown;

export interface RecordedCall {
  op: string;
  payload: any;
}

export const ok = <K extends AdminOp>(_op: K, reply: AdminReply<K>) => ({ ok: true, ...reply });
export const fail = (code: ErrorCode, message: string, details?: Record<string, unknown>) => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});

export class FakeScriptRun {
  readonly calls: RecordedCall[] = [];
  private readonly handlers = new Map<string, Handler>();
  private readonly functions = new Map<string, (...args: unknown[]) => unknown>();

  on(op: AdminOp, handler: Handler): this {
    this.handlers.set(op, handler);
    return this;
  }

  /** Answers google.script.run.<name>(...args) other than adminRpc; calls are recorded with op = name. */
  onFunction(name: string, handler: (...args: unknown[]) => unknown = () => undefined): this {
    this.functions.set(name, handler);
    return this;
  }

  callsOf(op: AdminOp | string): any[] {
    return this.calls.filter((c) => c.op === op).map((c) => c.payload);
  }

  runner(onOk?: (v: unknown) => void, onFail?: (e: unknown) => void): ScriptRun {
    const base: ScriptRun = {
      withSuccessHandler: (f) => this.runner(f, onFail),
      withFailureHandler: (f) => this.runner(onOk, f),
      adminRpc: (op, payload) => {
        // What google.script.run sends is a copy: later changes on the page do not reach the server.
        const copy = JSON.parse(JSON.stringify(payload));
        this.calls.push({ op, payload: copy });
        setTimeout(() => {
          const handler = this.handlers.get(op);
          try {
            if (!handler) throw new Error(`no handler for ${op}`);
            onOk?.(handler(copy));
          } catch (e) {
            onFail?.(e);
          }
        }, 0);
      },
    };
    // Like google.script.run, any other name is a server function; one the test did not declare fails.
    return new Proxy(base, {
      get: (target, name) => {
        if (typeof name !== 'string' || name in target) return target[name as keyof ScriptRun];
        return (...args: unknown[]) => {
          this.calls.push({ op: name, payload: JSON.parse(JSON.stringify(args)) });
          setTimeout(() => {
            const fn = this.functions.get(name);
            try {
              if (!fn) throw new Error(`no function ${name}`);
              onOk?.(fn(...args));
            } catch (e) {
              onFail?.(e);
            }
          }, 0);
        };
      },
    });
  }

  install(): this {
    (globalThis as { google?: unknown }).google = { script: { run: this.runner() } };
    return this;
  }
}

/** Lets the fake answer and the pages render what it answered. */
export async function flush(rounds = 3): Promise<void> {
  const { settle } = await import('../client/ui-helpers.ts');
  for (let i = 0; i < rounds; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await settle();
  }
}

export function person(over: Partial<PersonRecord> = {}): PersonRecord {
  return {
    id: 'e001',
    email: 'anna.ivanova@example.com',
    name: 'Anna Ivanova',
    group: 'support',
    role: 'employee',
    timezone: '',
    telegram_chat_id: '',
    token_version: 0,
    active: true,
    version: 'v1',
    devices: [],
    last_seen: null,
    ...over,
  };
}

export function group(over: Partial<GroupRecord> = {}): GroupRecord {
  return { name: 'support', lead_emails: ['lead@example.com'], telegram_chat_id: '', max_concurrent_breaks: 2, rule_set: 'default', version: 'g1', ...over };
}

export const ADMIN: Viewer = { email: 'olga@example.com', role: 'admin', groups: ['sales', 'support'] };
export const LEAD: Viewer = { email: 'lead@example.com', role: 'lead', groups: ['support'] };

export function status(over: Partial<StatusRecord> = {}): StatusRecord {
  return { code: 'break', label_ru: 'Перерыв', label_en: 'Break', kind: 'break', counts_as_work: false, color: '#fbbc04', hidden: false, in_use: true, version: 's1', ...over };
}

export function rule(over: Partial<RuleRecord> = {}): RuleRecord {
  return { status: 'break', max_per_shift: 2, max_minutes: 15, grace_minutes: 2, window_tolerance_minutes: 15, min_gap_minutes: 60, ...over };
}

export function ruleSet(over: Partial<RuleSetRecord> = {}): RuleSetRecord {
  return { rule_set: 'support', rules: [rule(), rule({ status: 'lunch', max_per_shift: 1, max_minutes: 60, grace_minutes: 5, window_tolerance_minutes: 30, min_gap_minutes: null })], groups: ['support-l1'], version: 'r1', ...over };
}
