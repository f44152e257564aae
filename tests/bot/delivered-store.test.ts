// The delivered alert ids on disk: kept across reopening, pruned after the retention, and an unreadable
// file set aside (with a warning) rather than stopping the bot.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeliveredStore } from '../../bot/alerts/delivered-store.ts';
import { recordingLogger, tempDir } from './helpers.ts';

const DAY = 24 * 3600_000;

describe('DeliveredStore', () => {
  it('keeps ids across reopening the same dir, written atomically (no temp file left)', () => {
    const dir = tempDir();
    const { log } = recordingLogger();
    const a = new DeliveredStore(dir, { now: () => 1_000, log });
    a.add('x1');
    a.add('x2');
    const b = new DeliveredStore(dir, { now: () => 2_000, log });
    expect([b.has('x1'), b.has('x2'), b.has('x3')]).toEqual([true, true, false]);
    expect(fs.readdirSync(dir)).toEqual(['delivered-alerts.json']);
  });

  it('forgets ids older than the retention, on load and on add', () => {
    const dir = tempDir();
    const { log } = recordingLogger();
    let now = 0;
    const s = new DeliveredStore(dir, { now: () => now, log, retentionMs: 10 * DAY });
    s.add('old');
    now = 5 * DAY;
    s.add('mid');
    now = 11 * DAY;
    s.add('new');
    expect([s.has('old'), s.has('mid'), s.has('new')]).toEqual([false, true, true]);
    now = 16 * DAY;
    const reopened = new DeliveredStore(dir, { now: () => now, log, retentionMs: 10 * DAY });
    expect([reopened.has('mid'), reopened.has('new'), reopened.size]).toEqual([false, true, 1]);
  });

  it('moves an unreadable file aside with a warning and starts empty', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'delivered-alerts.json'), '{"version":1,"delivered":{"a":');
    const logs = recordingLogger();
    const s = new DeliveredStore(dir, { now: () => 42, log: logs.log });
    expect(s.size).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(['delivered-alerts.json.unreadable-42']);
    expect(logs.warnings()).toEqual([expect.stringContaining('could not be read')]);
  });
});
