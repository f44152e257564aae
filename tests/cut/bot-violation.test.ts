// Excuse/confirm from the lead's Telegram buttons, cut after every service call and pressed again: the
// violation ends resolved once, with exactly one Audit row (the row is written first, keyed by the decision).
import { describe, expect, it } from 'vitest';
import { runBotOp, runCheckBreaks } from '../../appsscript/src/gas/bot-wiring.ts';
import { at, LEAD_CHAT_PRIVATE, MIN, office, signedBody, type Office } from '../checks/helpers.ts';
import { cutAtEveryCall } from './harness.ts';

/** Anna overruns her 11:00 break; the check at 11:18 writes the violation. */
function overrun(): { o: Office; world: Office['world']; violationId: string } {
  const o = office({ checking: false });
  o.moveTo(at('09:00'));
  o.sync('e001', [{ status: 'work', at: at('09:00') }, { status: 'break', at: at('11:00') }]);
  o.moveTo(at('11:18'));
  runCheckBreaks(at('11:18'));
  o.world.newExecution();
  const v = o.rows('Violations').find((r) => r.type === 'break_overrun');
  if (!v) throw new Error('no overrun written');
  o.moveTo(at('11:20'));
  return { o, world: o.world, violationId: String(v.id) };
}

describe('excuse and confirm cut at every call', () => {
  for (const action of ['excuse', 'confirm'] as const) {
    it(`${action}: resolved once, audited once`, () => {
      let nonce = 0;
      const press = (t: ReturnType<typeof overrun>) =>
        runBotOp(signedBody({ op: 'bot.violation', chat_id: LEAD_CHAT_PRIVATE, violation_id: t.violationId, action }, { ts: t.o.world.clock.now(), nonce: `n-${action}-${++nonce}` }), t.o.world.clock.now());
      const tried = cutAtEveryCall({
        build: overrun,
        run: press,
        retry: (t) => {
          t.o.moveTo(at('11:20') + MIN);
          const r = press(t) as { ok: boolean };
          if (!r.ok) throw new Error(`retry refused: ${JSON.stringify(r)}`);
        },
        check: (t) => {
          const v = t.o.rows('Violations').filter((r) => r.id === t.violationId);
          expect(v).toHaveLength(1);
          expect(v[0].resolution).toBe(action === 'excuse' ? 'excused' : 'confirmed');
          expect(t.o.rows('Audit').filter((r) => r.target === t.violationId)).toHaveLength(1);
        },
      });
      expect(tried).toBeGreaterThan(5);
    });
  }
});
