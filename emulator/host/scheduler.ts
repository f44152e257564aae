// Fires the project's time-driven triggers on the emulated clock.
//
// When each trigger is due:
// - everyMinutes(n) / everyHours(n): every n minutes/hours counted from the trigger's creation;
// - everyDays(n) with atHour(h) and nearMinute(m): at h:m local time in the trigger's time zone
//   (inTimezone, else the script's), every n days from the first such time after creation; DST changes
//   are followed as Java's calendar does (a skipped 02:30 runs at 03:30);
// - after(ms) / at(date): once, and the trigger is then deleted.
//
// While the clock runs, the scheduler waits in real time for the next due trigger. When the clock is
// moved (set/advance), every trigger that became due fires ONCE, however many of its occurrences the
// jump skipped (Apps Script does not replay missed runs either), in the order they fell due. A trigger
// never overlaps itself: if it is still running when due again, it fires once more after it ends.
// Different triggers may run at the same time, as on Google.
// After a restart, recurring triggers continue from the current time (runs missed while the emulator
// was down are not replayed); a one-off trigger whose time passed fires at once.
import type { Clock } from '../clock.ts';
import type { ProjectState, TriggerRecord } from '../project-state.ts';
import { localParts, resolveZone, weekOfYear, zonedTimeToEpoch } from '../model/java-time.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Re-check at least this often (real ms), so a long wait never rests on one timer. */
const MAX_TIMER_MS = 60_000;

/**
 * The event object of a time-driven trigger (guides/triggers/events, "Time-driven events"). Its
 * calendar fields are given in UTC, and day-of-week runs from 1 (Monday) to 7 (Sunday).
 */
export interface TimeDrivenEvent {
  authMode: 'FULL';
  triggerUid: string;
  year: number;
  month: number;
  'day-of-month': number;
  'day-of-week': number;
  hour: number;
  minute: number;
  second: number;
  timezone: string;
  'week-of-year': number;
}

export function timeDrivenEvent(trigger: TriggerRecord, ms: number): TimeDrivenEvent {
  const p = localParts(ms, resolveZone('UTC'));
  return {
    authMode: 'FULL',
    triggerUid: trigger.id,
    year: p.year,
    month: p.month,
    'day-of-month': p.day,
    'day-of-week': p.weekday === 0 ? 7 : p.weekday,
    hour: p.hour,
    minute: p.minute,
    second: p.second,
    timezone: 'UTC',
    'week-of-year': weekOfYear(p)[0],
  };
}

/** The trigger's first run strictly after `after` (epoch ms); a one-off's own time. */
export function nextOccurrence(t: TriggerRecord, after: number): number {
  const s = t.schedule;
  if (s.kind === 'once') return s.at;
  if (s.kind === 'minutes' || s.kind === 'hours') {
    const period = s.every * (s.kind === 'minutes' ? MINUTE : 60 * MINUTE);
    const k = Math.max(1, Math.floor((after - t.createdAt) / period) + 1);
    return t.createdAt + k * period;
  }
  const zone = resolveZone(t.timeZone);
  const c = localParts(t.createdAt, zone);
  const at = (dayOffset: number) => zonedTimeToEpoch(zone, c.year, c.month, c.day + dayOffset, s.hour, s.minute);
  const firstDay = at(0) > t.createdAt ? 0 : 1;
  let k = Math.max(0, Math.floor((after - at(firstDay)) / (s.every * DAY)) - 1);
  while (at(firstDay + k * s.every) <= after) k++;
  return at(firstDay + k * s.every);
}

export interface SchedulerOptions {
  clock: Clock;
  state: ProjectState;
  /** Runs the trigger's handler as an execution; settles when it ends. */
  fire(trigger: TriggerRecord, event: TimeDrivenEvent): Promise<void>;
  /** A fire that rejected (the runtime itself failed; handler errors are the execution's business). */
  onError?(trigger: TriggerRecord, error: unknown): void;
}

export interface Scheduler {
  /** Follows the clock: waits in real time while it runs, and fires when it is moved. */
  start(): void;
  stop(): void;
  /**
   * Fires whatever is due now and resolves once those executions (and any they led to) ended. Works
   * without start() too, for tests that move the clock and fire triggers by hand.
   */
  runDue(): Promise<void>;
  /** Resolves when no trigger is running. */
  idle(): Promise<void>;
  /** When each trigger fires next (emulated epoch ms), for the admin page and tests. */
  upcoming(): { trigger: TriggerRecord; due: number; running: boolean }[];
}

export function createScheduler(o: SchedulerOptions): Scheduler {
  const due = new Map<string, number>();
  const running = new Map<string, Promise<void>>();
  let started = false;
  let startedAt = 0;
  let lastNow = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe: (() => void)[] = [];

  const triggers = () => o.state.data.triggers;
  const byId = (id: string) => triggers().find((t) => t.id === id);

  /** Follows the project's triggers: new ones get a due time, deleted ones are forgotten. */
  const sync = (): void => {
    const ids = new Set<string>();
    for (const t of triggers()) {
      ids.add(t.id);
      if (!due.has(t.id)) due.set(t.id, nextOccurrence(t, Math.max(t.createdAt, startedAt)));
    }
    for (const id of due.keys()) if (!ids.has(id)) due.delete(id);
  };

  const arm = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!started) return;
    let earliest = Infinity;
    for (const [id, at] of due) if (!running.has(id)) earliest = Math.min(earliest, at);
    if (earliest === Infinity) return;
    const wait = earliest - o.clock.now();
    if (wait > 0 && o.clock.isFrozen()) return; // only a clock change can make it due
    timer = setTimeout(evaluate, Math.min(Math.max(0, wait), MAX_TIMER_MS));
    timer.unref?.();
  };

  const fireOne = (t: TriggerRecord, now: number): void => {
    const event = timeDrivenEvent(t, now);
    if (t.schedule.kind === 'once') {
      due.delete(t.id);
      o.state.update((data) => {
        data.triggers = data.triggers.filter((x) => x.id !== t.id);
      });
    } else {
      due.set(t.id, nextOccurrence(t, now));
    }
    const run = Promise.resolve()
      .then(() => o.fire(t, event))
      .catch((e: unknown) => o.onError?.(t, e))
      .finally(() => {
        running.delete(t.id);
        if (started) evaluate();
      });
    running.set(t.id, run);
  };

  function evaluate(): void {
    sync();
    const now = o.clock.now();
    if (now < lastNow) {
      // The clock went back: recurring triggers wait for their next time from here, not from the future.
      for (const t of triggers()) if (t.schedule.kind !== 'once' && !running.has(t.id)) due.set(t.id, nextOccurrence(t, now));
    }
    lastNow = now;
    const ready = [...due]
      .filter(([id, at]) => at <= now && !running.has(id))
      .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
    for (const [id] of ready) {
      const t = byId(id);
      if (t) fireOne(t, now);
    }
    arm();
  }

  const idle = async (): Promise<void> => {
    while (running.size > 0) await Promise.allSettled([...running.values()]);
  };

  return {
    start() {
      if (started) return;
      started = true;
      startedAt = lastNow = o.clock.now();
      due.clear();
      sync();
      unsubscribe = [
        o.clock.onChange(() => evaluate()),
        o.state.onChange(() => {
          sync();
          arm();
        }),
      ];
      evaluate();
    },
    stop() {
      started = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      for (const u of unsubscribe) u();
      unsubscribe = [];
    },
    async runDue() {
      evaluate();
      await idle();
    },
    idle,
    upcoming() {
      return triggers()
        .filter((t) => due.has(t.id))
        .map((t) => ({ trigger: structuredClone(t), due: due.get(t.id)!, running: running.has(t.id) }))
        .sort((a, b) => a.due - b.due);
    },
  };
}
