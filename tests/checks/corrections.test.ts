// The rules and a lead's corrections (status.set): a corrected day makes no false overrun, before or after
// checkBreaks wrote one; someone who never came in scores 0% adherence; and the bot's /who is the console's
// floor, from the same service.
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { runBotOp } from '../../appsscript/src/gas/bot-wiring.ts';
import { canonicalJson } from '../../appsscript/src/domain/bot-auth.ts';
import { invalidateReferenceCache } from '../../appsscript/src/gas/reference-cache.ts';
import { measureDay } from '../../appsscript/src/domain/rules/index.ts';
import { WITHDRAWN_NOTE } from '../../appsscript/src/services/check-breaks.ts';
import { LEAD, OWNER, rid } from '../admin/helpers.ts';
import { at, floorOffice, NEXT, restoreClock, type FloorOffice } from '../admin/floor-office.ts';
import { employeeDay, shift } from '../domain/rules-fixtures.ts';

afterEach(restoreClock);

/** Анна (support-l1, break at 11:00 for 15 min, grace 2) goes on her break at 11:00 and forgets to come back. */
function forgottenBreak(): FloorOffice {
  const o = floorOffice();
  o.moveTo(at('09:00'));
  o.sync('e001', [{ status: 'work', at: at('09:00') }]);
  o.moveTo(at('11:00'));
  o.sync('e001', [{ status: 'break', at: at('11:00') }]);
  for (const t of ['11:05', '11:10', '11:15']) {
    o.moveTo(at(t));
    o.check();
  }
  return o;
}

const overruns = (o: FloorOffice) => o.rows('Violations').filter((v) => v.employee_id === 'e001' && v.type === 'break_overrun');

describe('a correction makes no false overrun', () => {
  it('corrected before the overrun was due: the next checks find none and alert nobody', () => {
    const o = forgottenBreak();
    o.moveTo(at('11:16'));
    o.ok(LEAD, 'status.set', { employee_id: 'e001', status: 'work', at: at('11:10'), note: 'back at 11:10, forgot the button', request_id: rid() });
    for (const t of ['11:20', '11:25', '12:00']) {
      o.moveTo(at(t));
      o.check();
    }
    expect(overruns(o)).toEqual([]);
    expect(o.rows('Outbox').filter((a) => String(a.text).includes('Анна Иванова'))).toEqual([]);
    // (and so does the floor)
    expect(o.ok(LEAD, 'floor.now', {}).rows.find((r) => r.employee_id === 'e001')).toMatchObject({ status: 'work', since: at('11:10'), state: 'ok', over_minutes: 0 });
  });

  it('corrected after checkBreaks wrote the overrun: the next check withdraws it, and it is not counted in the day', () => {
    const o = forgottenBreak();
    o.moveTo(at('11:20'));
    o.check();
    expect(overruns(o)).toEqual([expect.objectContaining({ over_minutes: 3, resolution: 'open' })]);

    o.moveTo(at('11:40'));
    o.ok(LEAD, 'status.set', { employee_id: 'e001', status: 'work', at: at('11:10'), note: 'back at 11:10, forgot the button', request_id: rid() });
    o.moveTo(at('11:45'));
    o.check();
    expect(overruns(o)).toEqual([expect.objectContaining({ over_minutes: 0, resolution: 'excused', resolved_by: '', note: WITHDRAWN_NOTE })]);
    // The employee page's copy of today's violations follows.
    const current = o.rows('Current').find((c) => c.employee_id === 'e001')!;
    expect(JSON.parse(String(current.violations)).items).toEqual([expect.objectContaining({ type: 'break_overrun', resolution: 'excused' })]);

    // Later checks leave it alone, and the day's Daily row does not count it.
    const written = overruns(o);
    o.moveTo(at('12:00'));
    o.sync('e001', [{ status: 'lunch', at: at('12:00') }]);
    o.moveTo(at('12:05'));
    o.check();
    expect(overruns(o)).toEqual(written);
    o.moveTo(at('13:00'));
    o.sync('e001', [{ status: 'work', at: at('13:00') }]);
    o.moveTo(at('18:00'));
    o.sync('e001', [{ status: 'offline', at: at('18:00') }]);
    o.moveTo(at('05:00', NEXT));
    o.rollover();
    const daily = o.rows('Daily').find((d) => d.employee_id === 'e001' && d.date === '2026-11-24')!;
    const stillThere = o.rows('Violations').filter((v) => v.employee_id === 'e001' && v.date === '2026-11-24' && v.note !== WITHDRAWN_NOTE);
    expect(daily.violations).toBe(stillThere.length);
  });

  it('an entry a device sends late (it was offline) corrects the day the same way', () => {
    const o = forgottenBreak();
    o.moveTo(at('11:20'));
    o.check();
    o.moveTo(at('11:25'));
    o.sync('e001', [{ status: 'work', at: at('11:10') }]); // switched back at 11:10, offline until 11:25
    o.moveTo(at('11:30'));
    o.check();
    expect(overruns(o)).toEqual([expect.objectContaining({ over_minutes: 0, resolution: 'excused', note: WITHDRAWN_NOTE })]);
  });

  it('a break that really was over stays over: only a day that changed loses a violation', () => {
    const o = forgottenBreak();
    o.moveTo(at('11:20'));
    o.check();
    o.moveTo(at('11:30'));
    o.sync('e001', [{ status: 'work', at: at('11:30') }]);
    o.moveTo(at('11:35'));
    o.check();
    expect(overruns(o)).toEqual([expect.objectContaining({ over_minutes: 13, resolution: 'open' })]);
  });
});

describe('adherence of someone who never came in', () => {
  it('is 0%: the tolerance at the shift\'s edges forgives coming late or leaving early, not staying away', () => {
    // 09:00-18:00 with the shift's tolerance of 5 min: the edges used to count as adherent (10/540 = 1.9%).
    const day = measureDay(employeeDay({ day: [], now: at('23:00'), shift: shift('09:00', '18:00', '') }));
    expect(day).toMatchObject({ scheduled_ms: 540 * 60_000, out_of_adherence_ms: 540 * 60_000, adherence_pct: 0 });
  });

  it('is 0% in the Daily row the rollover writes', () => {
    const o = floorOffice();
    o.moveTo(at('09:00'));
    o.sync('e001', [{ status: 'work', at: at('09:00') }]);
    o.moveTo(at('18:00'));
    o.sync('e001', [{ status: 'offline', at: at('18:00') }]);
    o.moveTo(at('05:00', NEXT));
    o.rollover();
    const daily = o.rows('Daily').filter((d) => d.date === '2026-11-24');
    expect(daily.find((d) => d.employee_id === 'e005')).toMatchObject({ worked_min: 0, adherence_pct: 0 });
    expect(Number(daily.find((d) => d.employee_id === 'e001')!.adherence_pct)).toBeGreaterThan(80);
  });
});

describe('the bot\'s /who', () => {
  it('is the console\'s floor: the same people, states and counters', () => {
    const o = forgottenBreak();
    o.sync('e004', [{ status: 'work', at: at('11:15') }]);
    o.moveTo(at('11:20'));
    o.world.newExecution({ activeUser: OWNER });
    PropertiesService.getScriptProperties().setProperty('BOT_SHARED_SECRET', 'secret-0123456789');
    SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Employees')!.getRange(3, 7).setValue("'222"); // Дмитрий Петров's chat
    invalidateReferenceCache();
    o.world.newExecution();
    const body: Record<string, unknown> = { op: 'bot.command', chat_id: '222', command: 'who', command_id: 77, ts: Date.now(), nonce: `n-${rid()}` };
    body.sig = createHmac('sha256', 'secret-0123456789').update(canonicalJson(body), 'utf8').digest('hex');
    const who = runBotOp(JSON.stringify(body), Date.now()) as { ok: boolean; text: string };
    const floor = o.ok(LEAD, 'floor.now', {});

    const lines = who.text.split('\n');
    expect(lines[0]).toBe('support-l1:');
    const g = floor.groups[0];
    expect(lines[1]).toBe(`работают ${g.working} · перерыв ${g.on_break}/${g.cap} · нет ${g.missing} · соблюдение ${g.adherence_pct}%`);
    expect(lines.slice(2)).toHaveLength(floor.rows.length);
    expect(lines).toContain('• Анна Иванова: Перерыв с 11:00 ⚠️ сверх 3 мин');
    expect(lines).toContain('• James Carter: Работа с 11:15');
    expect(lines.filter((l) => l.endsWith('⚠️ нет на месте'))).toHaveLength(floor.rows.filter((r) => r.state === 'missing').length);
  });
});
