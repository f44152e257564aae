// @vitest-environment happy-dom
// The live floor (Floor sidebar, FloorBoard dialog) against a fake google.script.run, on fake timers: the
// clock is what makes a break go over its limit between two refreshes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../../appsscript/ui/features/Floor/floor-screen.ts';
import '../../appsscript/ui/features/FloorBoard/floor-board-screen.ts';
import { liveRow, liveRows } from '../../appsscript/ui/components/floor-live.ts';
import { epochAt } from '../../appsscript/ui/components/zoned-time.ts';
import { contrastRatio } from '../../client/src/components/status-colors.ts';
import { setLang } from '../../appsscript/ui/i18n/locale.ts';
import type { AdminReply, FloorGroup, FloorRow } from '../../common/admin-api.ts';
import { $, $all, clear, settle, textOf } from '../client/ui-helpers.ts';
import { FakeScriptRun, LEAD, fail, ok } from './fake-script-run.ts';

const ZONE = 'Europe/Moscow';
const MINUTE = 60_000;
/** 11:00 in Moscow on a Tuesday. */
const AT = Date.parse('2026-11-24T11:00:00+03:00');
const at = (hhmm: string) => epochAt('2026-11-24', hhmm, ZONE);

const STATUSES: AdminReply<'floor.now'>['statuses'] = [
  { code: 'work', label_ru: 'Работа', label_en: 'Working', kind: 'work', color: '#34a853' },
  { code: 'break', label_ru: 'Перерыв', label_en: 'Break', kind: 'break', color: '#fbbc04' },
  { code: 'lunch', label_ru: 'Обед', label_en: 'Lunch', kind: 'lunch', color: '#ff6d01' },
  { code: 'offline', label_ru: 'Не в сети', label_en: 'Offline', kind: 'offline', color: '#9aa0a6' },
];

function row(over: Partial<FloorRow> = {}): FloorRow {
  return {
    employee_id: 'e001',
    name: 'Anna Ivanova',
    group: 'support-l1',
    status: 'work',
    since: at('09:00'),
    over_minutes: 0,
    limit_minutes: null,
    planned: null,
    shift_start: at('09:00'),
    shift_end: at('18:00'),
    state: 'ok',
    ...over,
  };
}

function group(over: Partial<FloorGroup> = {}): FloorGroup {
  return { name: 'support-l1', on_break: 2, cap: 3, working: 1, missing: 1, on_shift: 5, adherence_pct: 91.6, ...over };
}

/** Anna works; James is 14 minutes into a 15-minute break; Maria is 20 minutes over her lunch; Ivan is late. */
const ROWS: FloorRow[] = [
  row(),
  row({ employee_id: 'e004', name: 'James Carter', status: 'break', since: at('10:46'), limit_minutes: 15, planned: { status: 'break', start: at('10:45'), end: at('11:00') } }),
  row({ employee_id: 'e005', name: 'Мария Кузнецова', status: 'lunch', since: at('09:40'), limit_minutes: 60, over_minutes: 20, state: 'over' }),
  row({ employee_id: 'e010', name: 'Иван Лебедев', status: '', since: null, state: 'late', shift_start: at('10:30'), shift_end: at('19:30') }),
  row({ employee_id: 'e020', name: 'William Clark', group: 'support-l2', status: 'work', since: at('10:00') }),
];

function board(over: Partial<AdminReply<'floor.now'>> = {}) {
  return {
    ...ok('floor.now', {
      at: AT,
      time_zone: ZONE,
      refresh_s: 30,
      rows: ROWS,
      groups: [group(), group({ name: 'support-l2', on_break: 0, cap: 2, working: 1, missing: 0, on_shift: 1, adherence_pct: null })],
      statuses: STATUSES,
      viewer: { ...LEAD, groups: ['support-l1', 'support-l2'] },
      ...over,
    }),
    time_zone: ZONE,
  };
}

let fake: FakeScriptRun;
let visibility: DocumentVisibilityState = 'visible';

function setVisibility(v: DocumentVisibilityState): void {
  visibility = v;
  document.dispatchEvent(new Event('visibilitychange'));
}

/**
 * Lets the timers due within `ms` run, the fake answer, and the pages draw. (A timer set for 0 ms while
 * fake timers run is due a millisecond later: the fake answers after a few of those.)
 */
async function pass(ms = 0): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 3; i++) {
    await vi.advanceTimersByTimeAsync(1);
    await settle();
  }
}

async function open<T extends HTMLElement>(tag: string): Promise<T> {
  const el = document.createElement(tag) as T;
  document.body.append(el);
  await pass();
  return el;
}

const rowOf = (el: HTMLElement, id: string) => $(el, `adm-data-table tbody tr[data-key="${id}"]`);
const names = (el: HTMLElement) => $all(el, 'adm-data-table tbody tr').map((tr) => tr.getAttribute('data-key'));

beforeEach(() => {
  vi.useFakeTimers({ now: AT });
  setLang('en');
  visibility = 'visible';
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  // The server's board is made at its clock, which the tests move with the page's.
  fake = new FakeScriptRun().on('floor.now', () => board({ at: Date.now() })).install();
});

afterEach(() => {
  clear();
  vi.useRealTimers();
});

describe('the live floor arithmetic', () => {
  const statuses = new Map(STATUSES.map((s) => [s.code, s]));

  it('counts a break past its limit from since + limit, before the server says so', () => {
    const james = ROWS[1];
    expect(liveRow(james, statuses, at('11:00')).state).toBe('ok');
    const later = liveRow(james, statuses, at('11:01') + 1000);
    expect(later).toMatchObject({ state: 'over', overMs: 1000, elapsedMs: 15 * MINUTE + 1000 });
  });

  it('keeps the server\'s overrun when the row has no limit to count from', () => {
    expect(liveRow(row({ status: 'lunch', over_minutes: 3, state: 'over' }), statuses, AT)).toMatchObject({ state: 'over', overMs: 3 * MINUTE });
  });

  it('marks someone not signed in late from the second the shift begins', () => {
    const later = row({ status: '', since: null, shift_start: at('11:30') });
    expect(liveRow(later, statuses, at('11:29')).state).toBe('ok');
    expect(liveRow(later, statuses, at('11:31'))).toMatchObject({ state: 'late', lateMs: MINUTE });
  });

  it('puts who needs a lead first: over, missing, late, then breaks ending soonest, then by name', () => {
    const order = liveRows({ rows: [...ROWS, row({ employee_id: 'e030', name: 'Zoe', status: '', since: null, state: 'missing' })], statuses: STATUSES }, AT, 'en').map((r) => r.row.employee_id);
    expect(order).toEqual(['e005', 'e030', 'e010', 'e004', 'e001', 'e020']);
  });
});

describe('Floor (sidebar)', () => {
  it('shows everyone on shift with status, since, elapsed and plan, and each group\'s counters', async () => {
    const el = await open('adm-floor');
    expect(fake.callsOf('floor.now')).toEqual([{}]);
    expect(names(el)).toEqual(['e005', 'e010', 'e004', 'e001', 'e020']);
    const james = textOf(rowOf(el, 'e004'));
    expect(james).toContain('James Carter');
    expect(james).toContain('support-l1 · plan 10:45–11:00');
    expect(james).toContain('Break');
    expect(james).toContain('since 10:46');
    expect(james).toContain('14:00');
    expect(james).toContain('of 15 min');
    expect(textOf(rowOf(el, 'e005'))).toContain('Over the limit');
    expect(textOf(rowOf(el, 'e005'))).toContain('+20:00');
    expect(textOf(rowOf(el, 'e010'))).toContain('Late');
    expect(textOf(rowOf(el, 'e010'))).toContain('30:00 late');
    const l1 = $(el, 'ul.groups li[data-group="support-l1"]');
    expect(textOf($(l1, '.on-break dd'))).toBe('2/3');
    expect(textOf($(l1, '.working dd'))).toBe('1');
    expect(textOf($(l1, '.missing dd'))).toBe('1');
    expect(textOf($(l1, '.over-count dd'))).toBe('1');
    expect(textOf($(l1, '.adherence .value'))).toBe('92%');
    expect(textOf($(el, 'ul.groups li[data-group="support-l2"] .adherence .value'))).toBe('—');
    expect(textOf($(el, 'p.zone'))).toBe('Times in Europe/Moscow.');
    expect(textOf($(el, '.updated'))).toContain('Updated 11:00:00 · every 30 s');
  });

  it('highlights a break as over the limit when the time passes, counting on the page between refreshes', async () => {
    fake.on('floor.now', () => board({ at: Date.now(), refresh_s: 300 }));
    const el = await open('adm-floor');
    expect(textOf(rowOf(el, 'e004'))).not.toContain('Over the limit');
    expect(textOf($(el, 'ul.groups li[data-group="support-l1"] .over-count dd'))).toBe('1');
    await pass(61_000);
    // No new answer: the page counted on by itself.
    expect(fake.callsOf('floor.now')).toHaveLength(1);
    const james = rowOf(el, 'e004');
    expect(textOf(james)).toContain('Over the limit');
    expect(textOf(james)).toContain('15:01');
    expect(textOf($(james, '.over-by'))).toBe('+0:01');
    expect(textOf($(el, 'ul.groups li[data-group="support-l1"] .over-count dd'))).toBe('2');
    expect(names(el).slice(0, 2)).toEqual(['e005', 'e004']);
  });

  it('counts from the server\'s clock, not the device\'s', async () => {
    // The laptop is an hour behind the office's server.
    fake.on('floor.now', () => board({ at: Date.now() + 60 * MINUTE }));
    const el = await open('adm-floor');
    expect(textOf($(el, '.updated'))).toContain('Updated 12:00:00');
    expect(textOf(rowOf(el, 'e004'))).toContain('+59:00');
  });

  it('refreshes every refresh_s, never more often than every 15 s', async () => {
    fake.on('floor.now', () => board({ at: Date.now(), refresh_s: 5 }));
    await open('adm-floor');
    await pass(14_000);
    expect(fake.callsOf('floor.now')).toHaveLength(1);
    await pass(1_000);
    expect(fake.callsOf('floor.now')).toHaveLength(2);
    fake.on('floor.now', () => board({ at: Date.now(), refresh_s: 40 }));
    await pass(15_000);
    expect(fake.callsOf('floor.now')).toHaveLength(3);
    await pass(39_000);
    expect(fake.callsOf('floor.now')).toHaveLength(3);
    await pass(1_000);
    expect(fake.callsOf('floor.now')).toHaveLength(4);
  });

  it('pauses while the page is hidden and asks at once when it is shown again', async () => {
    const el = await open('adm-floor');
    setVisibility('hidden');
    await pass(10 * 60_000);
    expect(fake.callsOf('floor.now')).toHaveLength(1);
    setVisibility('visible');
    // Shown again: the board on screen is ten minutes old until the answer comes.
    await settle();
    expect(textOf($(el, '.stale'))).toContain('Not up to date.');
    await pass();
    expect(fake.callsOf('floor.now')).toHaveLength(2);
    expect($all(el, '.stale')).toEqual([]);
  });

  it('says the data is stale when a refresh failed, and why; clears it when an answer comes', async () => {
    const el = await open('adm-floor');
    expect($all(el, '.stale')).toEqual([]);
    fake.on('floor.now', () => fail('forbidden', 'You no longer lead this group / Вы больше не руководите этой группой'));
    await pass(30_000);
    const stale = $(el, '.stale');
    expect(textOf(stale)).toContain('Not up to date.');
    expect(textOf(stale)).toContain('Last update at 11:00:00');
    expect(textOf(stale)).toContain('The last refresh failed: You no longer lead this group');
    // The rows stay, still counting.
    expect(names(el)).toHaveLength(5);
    fake.on('floor.now', () => board({ at: Date.now() }));
    await pass(30_000);
    expect($all(el, '.stale')).toEqual([]);
    expect(textOf($(el, '.updated'))).toContain('Updated 11:01:00');
  });

  it('says the data is stale when the last answer is older than two periods', async () => {
    const el = await open('adm-floor');
    // From now on no answer comes back at all.
    const silent = { withSuccessHandler: () => silent, withFailureHandler: () => silent, adminRpc: () => undefined };
    (globalThis as { google?: unknown }).google = { script: { run: silent } };
    await pass(60_000);
    expect($all(el, '.stale')).toEqual([]);
    await pass(1_000);
    expect(textOf($(el, '.stale'))).toContain('Last update at 11:00:00, 1 min. ago.');
  });

  it('filters by group and status and searches by name', async () => {
    const el = await open('adm-floor');
    const choose = async (selector: string, value: string) => {
      const select = $<HTMLSelectElement>(el, selector);
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await pass();
    };
    await choose('#f-group', 'support-l2');
    expect(names(el)).toEqual(['e020']);
    expect($all(el, 'ul.groups li').map((li) => li.getAttribute('data-group'))).toEqual(['support-l2']);
    await choose('#f-group', '');
    await choose('#f-status', '@attention');
    expect(names(el)).toEqual(['e005', 'e010']);
    await choose('#f-status', '@break');
    expect(names(el)).toEqual(['e005', 'e004']);
    await choose('#f-status', 'work');
    expect(names(el)).toEqual(['e001', 'e020']);
    await choose('#f-status', '');
    const q = $<HTMLInputElement>(el, '#q');
    q.value = 'мария';
    q.dispatchEvent(new Event('input', { bubbles: true }));
    await pass();
    expect(names(el)).toEqual(['e005']);
  });

  it('shows a failure to load at all, with a way to try again', async () => {
    fake.on('floor.now', () => fail('forbidden', 'Only admins and leads / Только администраторы и руководители'));
    const el = await open('adm-floor');
    expect(textOf($(el, '.state.failed'))).toContain('Only admins and leads');
    expect($all(el, 'adm-data-table')).toEqual([]);
  });

  it('says so when no one is on shift', async () => {
    fake.on('floor.now', () => board({ at: Date.now(), rows: [], groups: [] }));
    const el = await open('adm-floor');
    expect(textOf($(el, 'adm-data-table .empty'))).toBe('No one is on shift now.');
  });

  it('speaks Russian', async () => {
    setLang('ru');
    const el = await open('adm-floor');
    expect(textOf(rowOf(el, 'e004'))).toContain('с 10:46');
    expect(textOf(rowOf(el, 'e005'))).toContain('Сверх лимита');
    expect(textOf($(el, 'ul.groups li[data-group="support-l1"]'))).toContain('Перерыв');
    expect(textOf($(el, 'p.zone'))).toBe('Время — Europe/Moscow.');
  });
});

describe('status colours', () => {
  it('keep the text on a status\'s colour at 4.5:1 or more, whatever the colour', async () => {
    const colours = ['#34a853', '#fbbc04', '#ff6d01', '#4285f4', '#a142f4', '#9aa0a6', '#777777', '#808080', '#ffffff', '#000000', '#00ff00', ''];
    const statuses = colours.map((color, i) => ({ code: `s${i}`, label_ru: `С${i}`, label_en: `S${i}`, kind: 'work' as const, color }));
    const rows = colours.map((_, i) => row({ employee_id: `e${100 + i}`, name: `Person ${i}`, status: `s${i}` }));
    fake.on('floor.now', () => board({ at: Date.now(), rows, statuses }));
    const el = await open('adm-floor');
    const chips = $all<HTMLElement>(el, 'adm-data-table .status-chip');
    expect(chips).toHaveLength(colours.length);
    for (const chip of chips) {
      const [background, text] = [chip.style.background, chip.style.color].map(hex);
      expect(contrastRatio(background, text), `${chip.dataset.status}: ${background} / ${text}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});

/** A CSS colour as the browser reports it ("rgb(52, 168, 83)" or "#34a853") as #rrggbb. */
function hex(css: string): string {
  const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(css);
  return m ? `#${m.slice(1).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}` : css;
}

describe('a lead\'s correction from the Floor sidebar', () => {
  const openJames = async () => {
    const el = await open('adm-floor');
    rowOf(el, 'e004').click();
    await pass();
    return el;
  };
  const typeIn = async (el: HTMLElement, selector: string, value: string) => {
    const input = $<HTMLInputElement | HTMLTextAreaElement>(el, selector);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await pass();
  };
  const press = async (el: HTMLElement, selector: string) => {
    $(el, selector).click();
    await pass();
  };

  it('sets a status with a reason and a time, after a confirm step; the board is asked again', async () => {
    fake.on('status.set', () => ok('status.set', { current: { status: 'work', since: at('10:58') } }));
    const el = await openJames();
    const form = $(el, 'adm-floor-status-form');
    expect(textOf($(form, 'h2'))).toBe('Set the status of James Carter');
    expect($<HTMLSelectElement>(form, '#status').value).toBe('work');
    await typeIn(form, '#at', '10:58');
    await typeIn(form, '#note', 'Forgot to end the break');
    await press(form, 'button.apply');
    expect(fake.callsOf('status.set')).toEqual([]);
    expect(textOf($(form, 'adm-confirm'))).toContain('Set James Carter to Working from 10:58?');
    await press(form, 'adm-confirm button.confirm');
    expect(fake.callsOf('status.set')).toEqual([{ employee_id: 'e004', status: 'work', note: 'Forgot to end the break', at: at('10:58'), request_id: expect.any(String) }]);
    expect(textOf($(el, 'adm-toast'))).toContain('James Carter: Working.');
    expect($all(el, 'adm-floor-status-form')).toEqual([]);
    expect(fake.callsOf('floor.now')).toHaveLength(2);
  });

  it('ends a forgotten session with the offline status, from now', async () => {
    fake.on('status.set', () => ok('status.set', { current: { status: 'offline', since: AT } }));
    const el = await openJames();
    const form = $(el, 'adm-floor-status-form');
    await press(form, 'button.end-session');
    expect($<HTMLSelectElement>(form, '#status').value).toBe('offline');
    await typeIn(form, '#note', 'Left at 10:30, laptop still on');
    await press(form, 'button.apply');
    expect(textOf($(form, 'adm-confirm'))).toContain('Set James Carter to Offline from now?');
    await press(form, 'adm-confirm button.confirm');
    expect(fake.callsOf('status.set')[0]).toEqual({ employee_id: 'e004', status: 'offline', note: 'Left at 10:30, laptop still on', request_id: expect.any(String) });
  });

  it('marks a missing reason and a bad or future time at their fields, without asking the server', async () => {
    const el = await openJames();
    const form = $(el, 'adm-floor-status-form');
    await typeIn(form, '#at', '11:30');
    await press(form, 'button.apply');
    expect(textOf($(form, '[data-field="note"] .field-error'))).toBe('⚠ Give a reason');
    expect(textOf($(form, '[data-field="at"] .field-error'))).toBe('⚠ Not later than now');
    expect($(form, '#note').getAttribute('aria-invalid')).toBe('true');
    await typeIn(form, '#at', '9.30');
    await press(form, 'button.apply');
    expect(textOf($(form, '[data-field="at"] .field-error'))).toBe('⚠ A time as HH:MM');
    expect($all(form, 'adm-confirm')).toEqual([]);
    expect(fake.callsOf('status.set')).toEqual([]);
  });

  it('shows the server\'s problem with a field at that field', async () => {
    fake.on('status.set', () => fail('bad_request', 'Check the fields / Проверьте поля', { fields: [{ field: 'at', message: 'before the shift began / раньше начала смены' }] }));
    const el = await openJames();
    const form = $(el, 'adm-floor-status-form');
    await typeIn(form, '#at', '08:00');
    await typeIn(form, '#note', 'Came in early');
    await press(form, 'button.apply');
    await press(form, 'adm-confirm button.confirm');
    expect(textOf($(form, '[data-field="at"] .field-error'))).toBe('⚠ Before the shift began');
    expect($all(el, 'adm-floor-status-form')).toHaveLength(1);
  });
});

describe('FloorBoard (big screen)', () => {
  it('draws everyone as tiles, the overruns marked, and counts on', async () => {
    const el = await open('adm-floor-board');
    const tiles = $all(el, 'ol.tiles li.tile');
    expect(tiles.map((li) => li.getAttribute('data-id'))).toEqual(['e005', 'e010', 'e004', 'e001', 'e020']);
    expect(tiles.map((li) => li.className)).toEqual(['tile over', 'tile late', 'tile ok', 'tile ok', 'tile ok']);
    expect(textOf($(el, 'li.tile[data-id="e005"] .over-by'))).toBe('⚠ Over the limit: +20:00');
    await pass(61_000);
    expect($(el, 'li.tile[data-id="e004"]').className).toBe('tile over');
    expect(textOf($(el, 'li.tile[data-id="e004"] .clock'))).toBe('15:01');
    expect(textOf($(el, 'li.tile[data-id="e004"] .over-by'))).toBe('⚠ Over the limit: +0:01');
    expect(textOf($(el, 'ul.groups li[data-group="support-l1"] .over-count dd'))).toBe('2');
  });

  it('filters and searches like the sidebar, and offers no corrections', async () => {
    const el = await open('adm-floor-board');
    const q = $<HTMLInputElement>(el, '#q');
    q.value = 'james';
    q.dispatchEvent(new Event('input', { bubbles: true }));
    await pass();
    expect($all(el, 'li.tile').map((li) => li.getAttribute('data-id'))).toEqual(['e004']);
    $(el, 'li.tile').click();
    await pass();
    expect($all(el, 'adm-floor-status-form')).toEqual([]);
  });
});
