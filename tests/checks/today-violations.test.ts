// The employee sees their violations (issue 8, point 6): checkBreaks keeps each employee's violations of
// today in their Current row, and sync and state send them in `today` without reading the Violations tab,
// which grows with history. Over the emulated Apps Script services and the demo office.
import { describe, expect, it } from 'vitest';
import { runBotOp, runCheckBreaks } from '../../appsscript/src/gas/bot-wiring.ts';
import { apiHandlers } from '../../appsscript/src/gas/api-wiring.ts';
import { tokenSigningKey } from '../../appsscript/src/gas/secrets.ts';
import { hmacSha256 } from '../../appsscript/src/gas/crypto.ts';
import { signToken } from '../../appsscript/src/domain/token.ts';
import { isSheetCall } from '../../bench/lib/call-split.ts';
import type { StateReply, SyncReply, TodayViolation } from '../../common/api.ts';
import { at, LEAD_CHAT_PRIVATE, office, signedBody, type Office } from './helpers.ts';

function tokenOf(o: Office, employeeId: string): string {
  const now = o.world.clock.now();
  return signToken({ employeeId, deviceId: `dev-${employeeId}`, expiresAt: now + 24 * 3600_000, tokenVersion: 0 }, tokenSigningKey(), hmacSha256);
}

function state(o: Office, employeeId = 'e001'): StateReply {
  const reply = apiHandlers(o.world.clock.now()).state({ op: 'state', token: tokenOf(o, employeeId) }) as StateReply;
  o.world.newExecution();
  return reply;
}

/** An empty sync of Anna's device: what the page sends to refresh, with its cost. */
function emptySync(o: Office): { reply: SyncReply; sheetCalls: number; cellsRead: number } {
  o.world.newExecution();
  const now = o.world.clock.now();
  const reply = apiHandlers(now).sync({ op: 'sync', token: tokenOf(o, 'e001'), device_id: 'dev-e001', sent_at: now, entries: [] }) as SyncReply;
  const stats = o.world.stats();
  o.world.newExecution();
  const sheetCalls = Object.entries(stats.calls).reduce((n, [method, count]) => n + (isSheetCall(method) ? count : 0), 0);
  return { reply, sheetCalls, cellsRead: stats.cellsRead };
}

const brief = (list: readonly TodayViolation[]) => list.map((v) => `${v.type} ${v.over_minutes} ${v.resolution}`);

/** Anna works from 09:00, takes a 25-minute break at 11:00 (15 allowed, 2 of grace), checked at 11:30. */
function annaOverran(): Office {
  const o = office();
  o.moveTo(at('09:00'));
  o.sync('e001', [{ status: 'work', at: at('09:00') }]);
  o.moveTo(at('11:00'));
  o.sync('e001', [{ status: 'break', at: at('11:00') }]);
  o.moveTo(at('11:25'));
  o.sync('e001', [{ status: 'work', at: at('11:25') }]);
  runCheckBreaks(o.moveTo(at('11:30')));
  return o;
}

describe("today's violations in sync and state", () => {
  it('are sent to the employee once checkBreaks has written them, with what the Violations row says', () => {
    const o = office();
    o.moveTo(at('09:00'));
    o.sync('e001', [{ status: 'work', at: at('09:00') }]);
    o.moveTo(at('11:00'));
    o.sync('e001', [{ status: 'break', at: at('11:00') }]);
    o.moveTo(at('11:25'));
    o.sync('e001', [{ status: 'work', at: at('11:25') }]);
    expect(state(o).today.violations).toEqual([]);

    runCheckBreaks(o.moveTo(at('11:30')));
    const row = o.rows('Violations').find((r) => r.employee_id === 'e001' && r.type === 'break_overrun')!;
    const expected: TodayViolation = {
      id: String(row.id),
      type: 'break_overrun',
      planned: 'break 11:00, 15 min +2',
      actual: 'break 11:00–11:25, 25 min',
      over_minutes: 8,
      resolution: 'open',
    };
    expect(state(o).today.violations).toEqual([expected]);
    expect(emptySync(o).reply.today.violations).toEqual([expected]);
    // Only one's own: James, of the same group, has none of Anna's.
    expect(state(o, 'e004').today.violations.map((v) => v.id)).not.toContain(expected.id);
  });

  it("show the lead's decision after the next check, excused as excused", () => {
    const o = annaOverran();
    const id = String(o.rows('Violations').find((r) => r.employee_id === 'e001' && r.type === 'break_overrun')!.id);
    o.moveTo(at('11:40'));
    const reply = runBotOp(signedBody({ op: 'bot.violation', chat_id: LEAD_CHAT_PRIVATE, violation_id: id, action: 'excuse' }, { ts: at('11:40') }), at('11:40')) as { ok: boolean };
    expect(reply.ok).toBe(true);
    o.world.newExecution();
    runCheckBreaks(o.moveTo(at('11:45')));
    expect(state(o).today.violations.find((v) => v.id === id)?.resolution).toBe('excused');
  });

  it('follow the day as it goes: a growing overrun grows, and a new day starts empty', () => {
    const o = office();
    o.moveTo(at('09:00'));
    o.sync('e001', [{ status: 'work', at: at('09:00') }]);
    o.moveTo(at('11:00'));
    o.sync('e001', [{ status: 'break', at: at('11:00') }]);
    runCheckBreaks(o.moveTo(at('11:20')));
    expect(brief(state(o).today.violations)).toEqual(['break_overrun 3 open']);
    runCheckBreaks(o.moveTo(at('11:26')));
    expect(brief(state(o).today.violations)).toEqual(['break_overrun 9 open']);

    // The next morning, before any check of the new day: yesterday's list is kept in Current but not shown.
    o.moveTo(at('07:00', '2026-11-25'));
    expect(state(o).today).toMatchObject({ date: '2026-11-25', violations: [] });
  });

  it('reach an employee who has not set any status yet (a late start)', () => {
    const o = office();
    runCheckBreaks(o.moveTo(at('09:30')));
    // Anna's shift began at 09:00 and she has sent nothing: no Current row of her own until now.
    const late = state(o).today.violations;
    expect(brief(late)).toEqual([expect.stringMatching(/^late_start \d+ open$/)]);
    expect(late[0].actual).toBe('—');
    // Her first status later that morning keeps the list.
    o.moveTo(at('09:40'));
    o.sync('e001', [{ status: 'work', at: at('09:40') }]);
    expect(brief(state(o).today.violations)).toEqual([expect.stringMatching(/^late_start \d+ open$/)]);
  });

  it('cost a sync no sheet call and no cell of the Violations tab, however long it is', () => {
    const o = annaOverran();
    const before = emptySync(o);
    expect(before.reply.today.violations).toHaveLength(1);
    expect(before.sheetCalls).toBeLessThanOrEqual(6);

    // A year of history in Violations (other days, other people).
    const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Violations')!;
    const history = Array.from({ length: 3000 }, (_, i) => [`'V-20251124-h${i}`, '2025-11-24', "'e004", "'late_start", "'09:00", "'09:10", 10, new Date(at('09:30', '2025-11-24')), '', "'open", '', '']);
    sheet.insertRowsAfter(sheet.getMaxRows(), history.length);
    sheet.getRange(sheet.getLastRow() + 1, 1, history.length, 12).setValues(history);
    o.world.newExecution();

    const after = emptySync(o);
    expect(after.reply.today.violations).toEqual(before.reply.today.violations);
    expect(after.sheetCalls).toBe(before.sheetCalls);
    expect(after.cellsRead).toBe(before.cellsRead);
  });
});

describe('what checkBreaks pays for the copy', () => {
  it('leaves Current alone on a day without violations', () => {
    const o = office();
    o.moveTo(at('08:30'));
    o.sync('e001', [{ status: 'work', at: at('08:30') }]);
    const currentBefore = o.rows('Current');
    runCheckBreaks(o.moveTo(at('08:40')));
    expect(o.rows('Violations')).toEqual([]);
    expect(o.rows('Current')).toEqual(currentBefore);
  });

  it('writes Current only when a list changed', () => {
    const o = annaOverran();
    const writes = () => {
      o.world.newExecution();
      runCheckBreaks(o.world.clock.now());
      return o.world.stats().calls['Range.setValues'] ?? 0;
    };
    // Run again at the same instant: nothing new, so every list is as kept.
    const unchanged = writes();
    const current = o.rows('Current');
    // Anna's kept list lost (a hand edit, a run cut before the write): the next run puts it back, one write more.
    const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Current')!;
    const annaRow = current.findIndex((r) => r.employee_id === 'e001') + 2;
    const column = (sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] as string[]).indexOf('violations') + 1;
    sheet.getRange(annaRow, column).setValue('');
    expect(writes()).toBe(unchanged + 1);
    expect(o.rows('Current')).toEqual(current);
  });
});
