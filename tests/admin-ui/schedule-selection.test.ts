// @vitest-environment happy-dom
// The Import view's "Use the selected cells" against a fake google.script.run: schedule.selection's rows fill
// the box and are checked at once, sent exactly as read (not split again), with where they came from; a
// refusal is shown; once the admin edits the text, the text is what is sent.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../appsscript/ui/features/Schedule/schedule-import.ts';
import { asPasted, rangeName } from '../../appsscript/ui/features/Schedule/schedule-import.ts';
import { splitPasted } from '../../common/pasted-grid.ts';
import { setLang } from '../../appsscript/ui/i18n/locale.ts';
import type { RosterPreview } from '../../common/admin-api.ts';
import { $, $all, clear, textOf } from '../client/ui-helpers.ts';
import { FakeScriptRun, fail, flush, ok } from './fake-script-run.ts';
import { click, mountPage, type } from './interact.ts';

/** A grid a split of its text would not give back: a cell with a comma, one with a line break. */
const ROWS = [
  ['ФИО', '01.12', '02.12'],
  ['Иванова, Анна', '9-18', 'В'],
  ['Carter James', '9-18\n(замена)', ''],
];

const PREVIEW: RosterPreview = {
  header_row: 1,
  weekday_rows: [],
  people_columns: [1],
  month: null,
  dates: [
    { column: 2, date: '2026-12-01' },
    { column: 3, date: '2026-12-02' },
  ],
  people: [],
  conflicts: [],
  bad: [],
  skipped: [],
  counts: { people: 2, matched: 2, unknown: 0, shift: 3, off: 1, vacation: 0, sick: 0, empty: 1, bad: 0, conflicts: 0, add: 4, change: 0, same: 0, clear: 0, skip: 0 },
};

let fake: FakeScriptRun;
beforeEach(() => {
  setLang('en');
  fake = new FakeScriptRun()
    .on('schedule.selection', () => ok('schedule.selection', { tab: 'Roster Dec', a1: 'B2:D4', rows: ROWS }))
    .on('schedule.import.preview', () => ok('schedule.import.preview', PREVIEW))
    .install();
});
afterEach(() => {
  clear();
});

const open = () => mountPage<HTMLElement>('adm-schedule-import');
const grid = (el: HTMLElement) => $<HTMLTextAreaElement>(el, '#grid');

describe('"Use the selected cells"', () => {
  it('fills the box from the selection, says where it came from and checks the rows as read', async () => {
    const el = await open();
    await click(el, 'button.use-selection');
    expect(fake.callsOf('schedule.selection')).toEqual([{}]);
    expect(fake.callsOf('schedule.import.preview')).toEqual([{ rows: ROWS }]);
    expect(grid(el).value).toBe(asPasted(ROWS));
    expect(textOf($(el, '.picked'))).toBe("From 'Roster Dec'!B2:D4: 3 rows × 3 columns");
    expect(textOf($(el, '.summary'))).toContain('2 people (2 found)');
    // "Check" again sends the same cells, not the text split again.
    await click(el, 'button.check');
    expect(fake.callsOf('schedule.import.preview')[1]).toEqual({ rows: ROWS });
  });

  it('once the admin edits the text, the text is the grid', async () => {
    const el = await open();
    await click(el, 'button.use-selection');
    type(el, '#grid', 'ФИО\t01.12\nИванова Анна\t9-18');
    await flush();
    expect($all(el, '.picked')).toHaveLength(0);
    expect($all(el, '.summary')).toHaveLength(0);
    await click(el, 'button.check');
    expect(fake.callsOf('schedule.import.preview').at(-1)).toEqual({ rows: [['ФИО', '01.12'], ['Иванова Анна', '9-18']] });
  });

  it('shows a refusal in the page\'s language and keeps the text', async () => {
    fake.on('schedule.selection', () => fail('bad_request', "Select the roster's cells in a tab first / Сначала выделите ячейки графика на листе", { reason: 'single_cell' }));
    setLang('ru');
    const el = await open();
    type(el, '#grid', 'ФИО\t01.12');
    await flush();
    await click(el, 'button.use-selection');
    expect(textOf($(el, '.state.failed'))).toContain('Сначала выделите ячейки графика на листе');
    expect(grid(el).value).toBe('ФИО\t01.12');
    expect(fake.callsOf('schedule.import.preview')).toHaveLength(0);
    expect(textOf($(el, 'button.use-selection'))).toBe('Взять выделенные ячейки');
  });
});

describe('the shown text', () => {
  it('is what a copy from Sheets pastes: split again it gives the same cells', () => {
    expect(splitPasted(asPasted(ROWS))).toEqual(ROWS);
    expect(splitPasted(asPasted([['"quoted"', 'a\tb'], ['', 'x']]))).toEqual([['"quoted"', 'a\tb'], ['', 'x']]);
  });

  it('names the range as Sheets does, quoting a tab name that needs it', () => {
    expect(rangeName('Roster', 'A1:AG31')).toBe('Roster!A1:AG31');
    expect(rangeName('График', 'A1:B2')).toBe('График!A1:B2');
    expect(rangeName("Dec '26", 'A1:B2')).toBe("'Dec ''26'!A1:B2");
  });
});
