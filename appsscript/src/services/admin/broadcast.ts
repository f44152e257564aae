// broadcast.preview, broadcast.send, broadcast.report, broadcast.list: the console's broadcast panel
// (docs/admin-api.md, "Broadcasts"). The delivery itself is services/broadcast-delivery.ts.
//
// A lead broadcasts to the people of the groups they lead only (domain/broadcast/audience.ts), and sees the
// reports of their own broadcasts; an admin reaches and sees everyone.
//
// broadcast.send is audited first, keyed by its request_id: under the script lock the Audit row, then the
// Broadcasts row, then its Outbox block (the cut-safe order the delivery module describes). A retry that
// finds its Audit row finds the broadcast by its id (a hash of the request_id) and finishes what is missing.
import type { AdminParsed, AdminReplies, BroadcastChannel, BroadcastRecipientRow } from '../../../../common/admin-api.ts';
import { BadRequest, Forbidden, NotFound } from '../../errors.ts';
import { broadcastIdOf } from '../../domain/broadcast/message.ts';
import { TABS } from '../../store/schema.ts';
import { appendAudit, auditedAlready } from './audited.ts';
import type { AdminDeps } from './deps.ts';
import {
  addBroadcast,
  deliver,
  findBroadcast,
  languagesOf,
  publicRecord,
  reportOf,
  resolveFor,
  storedOf,
  writeBlock,
  type BroadcastDeps,
  type StoredBroadcast,
} from '../broadcast-delivery.ts';
import type { ResolvedAudience } from '../../domain/broadcast/audience.ts';
import { openRange } from '../tab-window.ts';

type Fields = AdminParsed<'broadcast.preview'>;

function broadcastDeps(deps: AdminDeps): BroadcastDeps {
  const cal = deps.calendarFns();
  return {
    now: deps.now,
    io: { port: deps.port, ctx: deps.cells },
    openTables: () => deps.tables(),
    withLock: (work) => deps.withLock(work),
    reference: () => deps.reference(),
    dateOf: cal.dateOf,
    zonedTime: cal.zonedTime,
    senderFor: (url) => deps.senderFor(url),
    mail: deps.mail,
    onError: (m) => console.error(m),
  };
}

/** The groups the caller may reach; null: everyone. */
const scopeOf = (deps: AdminDeps): string[] | null => (deps.caller.role === 'admin' ? null : [...deps.caller.groups]);

/** Resolves the audience, refusing one that names what does not exist or what the caller may not reach. */
function resolveChecked(deps: AdminDeps, req: Fields): ResolvedAudience {
  const resolved = resolveFor(broadcastDeps(deps), { audience: req.audience, channels: req.channels, scope: scopeOf(deps) });
  const forbidden = resolved.problems.filter((p) => p.kind === 'forbidden');
  const fields = resolved.problems.map((p) => ({ field: p.field, message: p.message }));
  if (forbidden.length > 0) throw new Forbidden('You may only write to the people of your groups', 'Писать можно только людям ваших групп', { fields });
  if (fields.length > 0) throw new BadRequest(fields[0].message.split(' / ')[0], fields[0].message.split(' / ')[1] ?? fields[0].message, { fields });
  return resolved;
}

function unreachableRows(resolved: ResolvedAudience): BroadcastRecipientRow[] {
  return resolved.unreachable.map((u) => ({
    employee_id: u.employee.id,
    name: u.employee.name,
    group: u.employee.group,
    channel: u.channel,
    status: 'unreachable',
    error: u.reason,
    sent_at: null,
    retry_at: null,
  }));
}

/** A time in the past (or now) means now. */
const sendAt = (deps: AdminDeps, at: number | undefined): number | null => (at !== undefined && at > deps.now ? at : null);

export function previewBroadcast(deps: AdminDeps, req: AdminParsed<'broadcast.preview'>): AdminReplies['broadcast.preview'] {
  const resolved = resolveChecked(deps, req);
  const reach = { telegram: 0, email: 0 } as Record<BroadcastChannel, number>;
  for (const c of req.channels) reach[c] = resolved.reach[c].length;
  return {
    people: resolved.people.length,
    reach,
    languages: languagesOf(resolved, req),
    unreachable: unreachableRows(resolved),
    at: sendAt(deps, req.at),
    time_zone: deps.spreadsheet.timeZone(),
  };
}

export function sendBroadcast(deps: AdminDeps, req: AdminParsed<'broadcast.send'>): AdminReplies['broadcast.send'] {
  // Checked before the lock and before anything is written: a refused audience writes no Audit row.
  const resolved = resolveChecked(deps, req);
  const bd = broadcastDeps(deps);
  const id = broadcastIdOf(req.request_id);
  const at = sendAt(deps, req.at);
  const written = deps.withLock(() => {
    const tables = deps.tables();
    let b: StoredBroadcast | null = null;
    if (auditedAlready(deps, req.request_id)) b = findBroadcast(bd, id);
    else {
      appendAudit(deps, req.request_id, {
        action: 'broadcast.send',
        target: id,
        before: null,
        after: { audience: req.audience, channels: req.channels, at, text_ru: req.text_ru, text_en: req.text_en, people: resolved.people.length },
      });
    }
    b ??= addBroadcast(
      bd,
      {
        id,
        created_at: deps.now,
        author: deps.caller.email,
        text_ru: req.text_ru,
        text_en: req.text_en,
        audience: req.audience,
        scope: scopeOf(deps),
        channels: [...req.channels],
        at,
        request_id: req.request_id,
      },
      at === null ? 'writing' : 'scheduled',
    );
    return b.state === 'scheduled' ? b : writeBlock(bd, b, tables.settings(), tables);
  });
  if (written.state !== 'scheduled') deliver(bd, written);
  const fresh = findBroadcast(bd, id) ?? written;
  const report = reportOf(bd, fresh);
  return { id, state: publicRecord(fresh).state, counts: report.counts, recipients: fresh.recipients };
}

export function broadcastReport(deps: AdminDeps, req: AdminParsed<'broadcast.report'>): AdminReplies['broadcast.report'] {
  const b = findBroadcast(broadcastDeps(deps), req.id);
  if (!b || !mayRead(deps, b)) throw new NotFound(`No broadcast ${req.id}`, `Нет рассылки ${req.id}`, { field: 'id' });
  const r = reportOf(broadcastDeps(deps), b);
  return { broadcast: publicRecord(b), counts: r.counts, rows: r.rows, done: r.done, time_zone: deps.spreadsheet.timeZone() };
}

/** Rows read from the bottom of Broadcasts, at most: the tab grows by one row per broadcast. */
const LIST_WINDOW = 200;

export function listBroadcasts(deps: AdminDeps, req: AdminParsed<'broadcast.list'>): AdminReplies['broadcast.list'] {
  const port = deps.port;
  const last = port.lastRow(TABS.Broadcasts.name);
  const from = Math.max(2, last - LIST_WINDOW + 1);
  const window = openRange(port, 'Broadcasts', from, last, deps.cells);
  const rows = window.rows
    .map((r) => storedOf(r.row, r.values))
    .reverse()
    .filter((b) => b.id !== '' && mayRead(deps, b))
    .slice(0, req.limit)
    .map(publicRecord);
  return {
    rows,
    viewer: { email: deps.caller.email, role: deps.caller.role === 'admin' ? 'admin' : 'lead', groups: deps.caller.groups },
    time_zone: deps.spreadsheet.timeZone(),
  };
}

const mayRead = (deps: AdminDeps, b: StoredBroadcast): boolean => deps.caller.role === 'admin' || b.author === deps.caller.email;

