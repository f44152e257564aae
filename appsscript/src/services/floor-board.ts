// The live floor: everyone on shift now (or in, off their shift) in the groups asked for, with their status,
// whether they are over a limit at this very moment, late or missing, and per group the counters a lead
// watches. One function for the console's floor.now and the bot's /who, so the two never disagree.
//
// It reads nothing itself: the caller gives Current (one read), the cached reference data and the Neutral
// periods. No Log, no Violations: what is over is judged on Current's timelines at `now` with the rules
// domain (domain/rules/now.ts), not taken from the last checkBreaks run.
import type { FloorGroup, FloorRow } from '../../../common/admin-api.ts';
import type { CurrentRow, Shift } from '../domain/model.ts';
import type { ReferenceData } from '../store/reference.ts';
import { addDays } from '../domain/calendar.ts';
import { scheduleOf } from '../domain/today.ts';
import { personNow, type NeutralPeriod, type PersonNow } from '../domain/rules/index.ts';
import { dayInput, isOvernight, type CalendarFns } from './check-breaks.ts';

export interface BoardDeps extends CalendarFns {
  now: number;
  reference: ReferenceData;
  neutral: readonly NeutralPeriod[];
}

export interface Board {
  rows: FloorRow[];
  groups: FloorGroup[];
}

/** A person of the board with what was measured of their day (the groups' adherence adds these up). */
interface Placed {
  row: FloorRow;
  now: PersonNow;
  onShift: boolean;
}

/**
 * The board of `groups` (group names, in the order to show them). A person is on it when their shift runs now
 * (today's, or last night's still going) or when they are in (a status other than offline) on a day they
 * have a shift: early, or still in after the end (a forgotten session shows). People without a shift today
 * are not on the floor.
 */
export function floorBoard(deps: BoardDeps, currents: readonly CurrentRow[], groups: readonly string[]): Board {
  const { now, reference } = deps;
  const today = deps.dateOf(now);
  const yesterday = addDays(today, -1);
  const visible = new Set(groups);
  const currentOf = new Map(currents.map((c) => [c.employee_id, c]));
  const shiftOf = new Map(reference.schedule.map((s) => [`${s.date}|${s.employee_id}`, s]));
  const kinds = new Map(reference.statuses.map((s) => [s.code, s]));

  const placed: Placed[] = [];
  for (const e of reference.employees) {
    if (!e.active || !visible.has(e.group)) continue;
    const shift = runningShift(deps, shiftOf.get(`${yesterday}|${e.id}`), shiftOf.get(`${today}|${e.id}`), today);
    if (!shift) continue;
    const c = currentOf.get(e.id);
    // Current keeps one day: the shift's, or (a night shift after midnight) today's part of it.
    const entries = c && (c.day === shift.date || c.day === today) ? c.timeline : [];
    const p = personNow(dayInput({ ...deps, neutral: deps.neutral }, e, shift.date, shift, entries));
    const sched = scheduleOf(shift, deps.zonedTime);
    const onShift = sched.shift_start <= now && now < sched.shift_end;
    if (!onShift && !p.in_now) continue;
    const signedIn = c !== undefined && entries.length > 0 && c.status !== '' && c.since !== null;
    placed.push({
      onShift,
      now: p,
      row: {
        employee_id: e.id,
        name: e.name,
        group: e.group,
        status: signedIn ? c.status : '',
        since: signedIn ? c.since : null,
        over_minutes: p.over_minutes,
        limit_minutes: p.limit_minutes,
        planned: p.planned,
        shift_start: sched.shift_start,
        shift_end: sched.shift_end,
        state: p.state,
      },
    });
  }

  const boardGroups: FloorGroup[] = groups.map((name) => {
    const mine = placed.filter((x) => x.row.group === name);
    const kindOf = (x: Placed) => kinds.get(x.row.status);
    let out = 0;
    let scheduled = 0;
    for (const x of mine) {
      out += x.now.measures.out_of_adherence_ms;
      scheduled += x.now.measures.scheduled_ms;
    }
    return {
      name,
      on_break: mine.filter((x) => ['break', 'lunch'].includes(kindOf(x)?.kind ?? '')).length,
      cap: reference.groups.find((g) => g.name === name)?.max_concurrent_breaks ?? null,
      working: mine.filter((x) => kindOf(x)?.counts_as_work === true).length,
      missing: mine.filter((x) => x.row.state === 'late' || x.row.state === 'missing').length,
      on_shift: mine.filter((x) => x.onShift).length,
      adherence_pct: scheduled > 0 ? Math.round(1000 * (1 - out / scheduled)) / 10 : null,
    };
  });
  return { rows: placed.map((x) => x.row), groups: boardGroups };
}

/** Last night's shift while it still runs, else today's. */
function runningShift(deps: BoardDeps, night: Shift | undefined, todays: Shift | undefined, today: string): Shift | null {
  if (night && isOvernight(night) && deps.now < deps.zonedTime(today, night.shift_end)) return night;
  return todays ?? null;
}
