// `admin` (issue 9): what each op of the admin console costs on Google, by the emulator's counts. The real
// bundle runs in the runtime over a workbook set up by the product's own `setup` and `seedDemoData`, the team
// topped up to 200, and a Log of history; each op is one `adminRpc` execution as the owner, called from a
// sidebar through google.script.run. The Log is measured at two sizes: an op's cells read must not move with
// it (none reads Log). "Sheet calls" are defined in bench/lib/call-split.ts.
import { ADMIN_OPS, type AdminOp, type AdminPayload } from '../common/admin-api.ts';
import { callFigures, type CallFigures } from './lib/call-split.ts';
import { fillLog, historyStart, openDemoOffice, statusCodes, topUpTeam } from './lib/product-workbook.ts';
import type { Bench, BenchContext, BenchReport } from './lib/report.ts';
import { round } from './lib/timing.ts';

const OWNER = 'owner@example.com';
const SIZES: Record<BenchContext['size'], { logSizes: number[]; team: number }> = {
  full: { logSizes: [0, 200_000], team: 200 },
  smoke: { logSizes: [0, 500], team: 40 },
};
/** The budget of the issue: each op at most this many sheet calls. */
export const ADMIN_SHEET_CALL_BUDGET = 6;

let n = 0;
const rid = () => `bench-${Date.now().toString(36)}-${++n}`;

/** A realistic call of each op, in an order where each finds what it needs (a save after its list). */
function payloads(): Partial<{ [K in AdminOp]: () => AdminPayload<K> }> {
  return {
    'people.list': () => ({}),
    'people.save': () => ({ email: `bench.new.${n}@example.com`, name: 'Bench New', group: 'support-l1', role: 'employee', request_id: rid() }),
    'people.deactivate': () => ({ id: 'e010', request_id: rid() }),
    'people.revoke': () => ({ id: 'e011', request_id: rid() }),
    'people.import': () => ({
      rows: Array.from({ length: 20 }, (_, i) => [`Imported ${n}-${i}`, `imported.${n}.${i}@example.com`, 'billing']),
      commit: true,
      request_id: rid(),
    }),
    'groups.list': () => ({}),
    'groups.save': () => ({ name: `bench-group-${n}`, lead_emails: ['dmitry.petrov@example.com'], telegram_chat_id: '', max_concurrent_breaks: 3, rule_set: 'support', request_id: rid() }),
    'statuses.list': () => ({}),
    'statuses.save': () => ({ code: 'coaching', label_ru: 'Коучинг', label_en: 'Coaching', kind: 'training', counts_as_work: true, color: '#7b1fa2', request_id: rid() }),
    'rules.list': () => ({}),
    'rules.save': () => ({
      rule_set: 'bench',
      rules: [{ status: 'break', max_per_shift: 3, max_minutes: 15 + (n % 2), grace_minutes: 2, window_tolerance_minutes: 15, min_gap_minutes: 60 }],
      request_id: rid(),
    }),
    'settings.get': () => ({}),
    'settings.save': () => ({ values: { retention_days: String(35 + (n % 2)) }, request_id: rid() }),
    'audit.list': () => ({ limit: 50 }),
    'doctor.run': () => ({}),
    'floor.now': () => ({}),
    'violations.list': () => ({ from: '2026-11-18', to: '2026-11-24' }),
    'violations.day': () => ({ employee_id: 'e001', date: '2026-11-24' }),
    'violations.resolve': () => ({ ids: ['none'], resolution: 'excused', note: 'bench', request_id: rid() }),
    'status.set': () => ({ employee_id: 'e012', status: 'break', note: 'forgot to press break', request_id: rid() }),
  };
}

export interface AdminOpFigures extends CallFigures {
  op: AdminOp;
  logRows: number;
  ok: boolean;
  error?: string;
}

async function measure(logRows: number, team: number, log: (m: string) => void): Promise<AdminOpFigures[]> {
  const { runtime, store, clock, close } = await openDemoOffice('admin');
  try {
    const members = topUpTeam(store, team);
    fillLog(store, logRows, { team: members, statuses: statusCodes(store), oldest: historyStart(logRows, clock.now()) });
    log(`Log ${logRows} rows, team ${members.length}`);
    const make = payloads();
    const out: AdminOpFigures[] = [];
    for (const op of ADMIN_OPS.filter((o) => o in make)) {
      // Warm the reference cache first, as a console in use has it: the op's own cost is what is measured.
      await runtime.run('adminRpc', ['people.list', {}], { kind: 'rpc', activeUser: OWNER });
      const r = await runtime.run('adminRpc', [op, (make[op] as () => unknown)()], { kind: 'rpc', activeUser: OWNER });
      const reply = r.result?.kind === 'json' ? (JSON.parse(r.result.json) as { ok: boolean; error?: { message: string } }) : null;
      const error = r.error ? `${r.error.name}: ${r.error.message}` : reply && !reply.ok ? reply.error?.message : undefined;
      out.push({ op, logRows, ok: error === undefined, ...(error ? { error } : {}), ...callFigures([r.stats]) });
    }
    return out;
  } finally {
    await close();
  }
}

export const adminBench: Bench = {
  name: 'admin',
  title: 'admin console ops: sheet calls, cells and projected time per op',
  expected: 'about 1 minute',
  async run(ctx): Promise<BenchReport> {
    const size = SIZES[ctx.size];
    const runs: AdminOpFigures[][] = [];
    for (const logRows of size.logSizes) runs.push(await measure(logRows, size.team, ctx.log));
    const [small, large] = [runs[0], runs[runs.length - 1]];
    const rows = small.map((a, i) => {
      const b = large[i];
      return [
        a.op,
        a.ok && b.ok ? 'ok' : `error: ${(a.error ?? b.error ?? '').slice(0, 60)}`,
        b.sheetCalls,
        b.cellsRead,
        a.cellsRead === b.cellsRead ? 'flat' : `${a.cellsRead} → ${b.cellsRead}`,
        b.cellsWritten,
        round(b.projectedMs, 0),
      ];
    });
    const over = large.filter((f) => f.sheetCalls > ADMIN_SHEET_CALL_BUDGET).map((f) => f.op);
    const unmeasured = ADMIN_OPS.filter((o) => !(o in payloads()));
    return {
      name: 'admin',
      title: this.title,
      tables: [
        {
          title: `Each op once as the owner, team of ${size.team}, Log of ${size.logSizes.join(' and ')} rows`,
          columns: ['op', 'result', 'sheet calls', 'cells read', `cells read, Log ${size.logSizes[0]} → ${size.logSizes[size.logSizes.length - 1]}`, 'cells written', 'projected ms'],
          rows,
          notes: [
            `Budget: at most ${ADMIN_SHEET_CALL_BUDGET} sheet calls per op; ${over.length === 0 ? 'every op is within it' : `over it: ${over.join(', ')}`}.`,
            '"flat": the op reads the same cells whatever the size of the Log (no op reads Log).',
            ...(unmeasured.length ? [`Not measured here (no sample payload yet): ${unmeasured.join(', ')}.`] : []),
          ],
        },
      ],
      data: { runs },
    };
  },
};
