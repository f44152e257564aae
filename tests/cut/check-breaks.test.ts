// checkBreaks cut after each of its service calls, then run again by its trigger: every violation written
// once by its id, every alert enqueued once and delivered to Telegram once, the checkpoint, the index and
// the marks right, Current as if nothing had happened. The run cut is a busy one: new Log rows, a new break
// overrun (alerted to the lead chat), a "break ends soon" nudge, growing violations updated in place, the
// employee page's copy of the violations in Current, and the push to the bot with its receipts.
import { describe, expect, it } from 'vitest';
import { runCheckBreaks } from '../../appsscript/src/gas/bot-wiring.ts';
import type { CheckBreaksReport } from '../../appsscript/src/services/check-breaks.ts';
import { at, JAMES_CHAT, office, type Office } from '../checks/helpers.ts';
import { countedBot, expectDeliveredOnce, expectIndexRight, expectSameRows, settingsOf, type CountedBot } from '../checks/cut-helpers.ts';
import { cutAtEveryCall } from './harness.ts';

const BOT_URL = 'http://127.0.0.1:9/bot';
const T = at('11:18');
/**
 * After the run cut: the same run again at once, then the trigger's next runs (every 5 minutes). The first
 * retry is at the same instant so that the cut is all that differs from the reference: what the rules find
 * depends on the moment too (a nudge "ends in 2 minutes" is due at 11:18 only), see the third test.
 */
const RETRY_RUNS = ['11:18', '11:23', '11:28'];
const NEXT_RUNS = ['11:23', '11:28'];

interface World extends Office {
  bot: CountedBot;
  report?: CheckBreaksReport;
}

/**
 * Anna (e001) works from 09:00 and goes on break at 11:00 (15 minutes + 2 of grace: over from 11:17);
 * James (e004) goes on break at 11:05 (his ends at 11:20: "ends soon" is due at 11:18). checkBreaks has
 * run every 5 minutes, pushing to the bot; the clock stands at 11:18, the run to cut.
 */
function build(o: { bot?: boolean } = {}): World {
  const w = office() as World;
  w.bot = countedBot();
  if (o.bot !== false) w.setSetting('bot_url', BOT_URL);
  const check = (t: string) => runCheckBreaks(w.moveTo(at(t)), w.bot);
  w.moveTo(at('09:00'));
  w.sync('e001', [{ status: 'work', at: at('09:00') }]);
  w.sync('e004', [{ status: 'work', at: at('09:00') }]);
  check('10:58');
  w.moveTo(at('11:00'));
  w.sync('e001', [{ status: 'break', at: at('11:00') }]);
  check('11:03');
  w.moveTo(at('11:05'));
  w.sync('e004', [{ status: 'break', at: at('11:05') }]);
  check('11:08');
  check('11:13');
  w.moveTo(at('11:16'));
  w.sync('e005', [{ status: 'work', at: at('11:16') }]); // a new Log row for the run to read
  w.moveTo(T);
  return w;
}

const run = (w: World) => {
  w.report = runCheckBreaks(T, w.bot);
};
const runsAt = (times: readonly string[]) => (w: World) => {
  for (const t of times) runCheckBreaks(w.moveTo(at(t)), w.bot);
};
const retry = runsAt(RETRY_RUNS);

function reference(o: { bot?: boolean; retry?: (w: World) => void } = {}): World {
  const ref = build(o);
  ref.world.newExecution();
  run(ref);
  ref.world.newExecution();
  (o.retry ?? retry)(ref);
  return ref;
}

/** Exactly once on every tab checkBreaks writes, against the uncut reference. */
function expectLikeReference(w: World, ref: World): void {
  // A violation first written by the retry is detected later; the rest of each row is the same.
  expectSameRows(w, ref, 'Violations', (r) => String(r.id), ['detected_at']);
  // Times and attempts follow when an alert was written and handed out; what it is and that it was sent do not.
  expectSameRows(w, ref, 'Outbox', (r) => String(r.alert_id), ['created_at', 'attempts', 'next_try_at', 'sent_at']);
  expectDeliveredOnce(w.bot, ref.bot);
  expectIndexRight(w, ref);
  expect(settingsOf(w).get('checkbreaks.log_row')).toBe(settingsOf(ref).get('checkbreaks.log_row'));
  // The employee page's copy of the violations: the same items (their order follows the rows').
  const current = (o: World) =>
    o.rows('Current').map((r) => {
      const v = r.violations ? (JSON.parse(String(r.violations)) as { items?: { id: string }[] }) : null;
      return { ...r, violations: v ? { ...v, items: [...(v.items ?? [])].sort((a, b) => a.id.localeCompare(b.id)) } : null };
    });
  expect(current(w)).toEqual(current(ref));
  for (const tab of ['Log', 'Devices', 'Daily'] as const) expect(w.rows(tab), tab).toEqual(ref.rows(tab));
}

describe('checkBreaks cut at every service call', () => {
  it('with the push to the bot: nothing lost, nothing doubled, each alert delivered once', () => {
    const ref = reference();
    // The run cut is a busy one, or the test proves little.
    expect(ref.report).toMatchObject({ violations_new: expect.any(Number), nudges: 1 });
    expect(ref.report!.violations_new).toBeGreaterThan(0);
    expect(ref.report!.violations_updated).toBeGreaterThan(0);
    expect(ref.report!.log_rows).toBeGreaterThan(0);
    expect(ref.report!.delivery!.sent).toBeGreaterThan(1);
    expect(ref.rows('Outbox').every((r) => r.status === 'sent')).toBe(true);

    const tried = cutAtEveryCall<World>({
      build,
      run,
      retry,
      check: (w) => expectLikeReference(w, ref),
    });
    expect(tried).toBeGreaterThan(50);
    console.log(`checkBreaks (push): ${tried} cut points`);
  });

  it('without a bot URL (alerts wait for the pull): nothing lost, nothing doubled', () => {
    const ref = reference({ bot: false });
    expect(ref.report!.alerts_enqueued).toBeGreaterThan(1);
    expect(ref.report!.delivery).toBeNull();
    const tried = cutAtEveryCall<World>({
      build: () => build({ bot: false }),
      run,
      retry,
      check: (w) => expectLikeReference(w, ref),
    });
    expect(tried).toBeGreaterThan(30);
    console.log(`checkBreaks (no push): ${tried} cut points`);
  });

  it('retried only by the trigger\'s next runs: what the cut run wrote is kept and delivered once; only a nudge due at 11:18 alone may go unsent', () => {
    const ref = reference({ retry: runsAt(NEXT_RUNS) });
    const endingSoon = ref.rows('Outbox').filter((r) => r.kind === 'nudge' && r.target === JAMES_CHAT && String(r.text).startsWith('⏳'));
    expect(endingSoon).toHaveLength(1);
    let cutBeforeTheNudge = 0;
    const tried = cutAtEveryCall<World>({
      build,
      run,
      retry: runsAt(NEXT_RUNS),
      check: (w) => {
        const rows = w.rows('Outbox');
        const missing = ref.rows('Outbox').filter((r) => !rows.some((x) => x.alert_id === r.alert_id));
        if (missing.length > 0) {
          cutBeforeTheNudge++;
          expect(missing.map((r) => r.alert_id)).toEqual([endingSoon[0].alert_id]);
        }
        // Nothing else differs: the rows, each once; every alert written was delivered once and is sent.
        expectSameRows(w, ref, 'Violations', (r) => String(r.id), ['detected_at']);
        expect(new Set(rows.map((r) => r.alert_id)).size).toBe(rows.length);
        expect(rows.every((r) => r.status === 'sent')).toBe(true);
        const sent = w.bot.telegram.map((a) => a.alert_id);
        expect(new Set(sent).size).toBe(sent.length);
        expect([...sent].sort()).toEqual(rows.map((r) => String(r.alert_id)).sort());
        expect(settingsOf(w).get('checkbreaks.log_row')).toBe(settingsOf(ref).get('checkbreaks.log_row'));
      },
    });
    // Cut before its Outbox write, the 11:18 run wrote no nudge and 11:23 is past the break's end.
    expect(cutBeforeTheNudge).toBeGreaterThan(0);
    expect(cutBeforeTheNudge).toBeLessThan(tried);
  });
});
