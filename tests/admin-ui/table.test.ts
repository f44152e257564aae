// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { html } from 'lit';
import '../../appsscript/ui/components/data-table.ts';
import type { AdmDataTable } from '../../appsscript/ui/components/data-table.ts';
import { tableView, type Column } from '../../appsscript/ui/components/table-view.ts';
import { setLang } from '../../appsscript/ui/i18n/locale.ts';
import { $, $all, clear, mount, settle, textOf } from '../client/ui-helpers.ts';

interface Row {
  name: string;
  group: string;
  seen: number | null;
}

const columns: Column<Row>[] = [
  { key: 'name', label: 'Name', value: (r) => r.name, render: (r) => html`<b>${r.name}</b>` },
  { key: 'group', label: 'Group', value: (r) => r.group },
  { key: 'seen', label: 'Seen', value: (r) => r.seen, numeric: true },
];

const team: Row[] = [
  { name: 'Борис', group: 'sales', seen: 5 },
  { name: 'Anna', group: 'support', seen: null },
  { name: 'Ёлкин Пётр', group: 'support', seen: 30 },
  { name: 'carl', group: 'sales', seen: 10 },
  { name: 'Dina 10', group: 'support', seen: 1 },
  { name: 'Dina 9', group: 'support', seen: 2 },
];

const names = (el: HTMLElement) => $all(el, 'tbody b').map((b) => textOf(b));

async function table(props: Partial<AdmDataTable<Row>> = {}): Promise<AdmDataTable<Row>> {
  return mount<AdmDataTable<Row>>('adm-data-table', { rows: team, columns, rowKey: (r: Row) => r.name, pageSize: 4, ...props } as Partial<AdmDataTable<Row>>);
}

describe('the data table', () => {
  beforeEach(() => setLang('en'));
  afterEach(() => clear());

  it('sorts by a column on a click, then the other way on a second click, marking the heading', async () => {
    const el = await table({ pageSize: 10 });
    expect(names(el)).toEqual(team.map((r) => r.name));
    $<HTMLButtonElement>(el, 'th button[data-key="name"]').click();
    await settle();
    // Case and alphabet aside, numbers in order: "Dina 9" before "Dina 10".
    expect(names(el)).toEqual(['Anna', 'carl', 'Dina 9', 'Dina 10', 'Борис', 'Ёлкин Пётр']);
    expect($(el, 'th[aria-sort="ascending"]').textContent).toContain('Name');
    $<HTMLButtonElement>(el, 'th button[data-key="name"]').click();
    await settle();
    expect(names(el)).toEqual(['Ёлкин Пётр', 'Борис', 'Dina 10', 'Dina 9', 'carl', 'Anna']);
    expect($(el, 'th[aria-sort="descending"]').textContent).toContain('Name');
  });

  it('sorts numbers as numbers and puts rows without a value last either way', async () => {
    const el = await table({ pageSize: 10 });
    $<HTMLButtonElement>(el, 'th button[data-key="seen"]').click();
    await settle();
    expect(names(el)).toEqual(['Dina 10', 'Dina 9', 'Борис', 'carl', 'Ёлкин Пётр', 'Anna']);
    $<HTMLButtonElement>(el, 'th button[data-key="seen"]').click();
    await settle();
    expect(names(el)).toEqual(['Ёлкин Пётр', 'carl', 'Борис', 'Dina 9', 'Dina 10', 'Anna']);
  });

  it('shows the rows that match every word of the search and the filter', async () => {
    const el = await table({ pageSize: 10, query: 'елкин' });
    expect(names(el)).toEqual(['Ёлкин Пётр']);
    el.query = 'dina SUPPORT';
    await settle();
    expect(names(el)).toEqual(['Dina 10', 'Dina 9']);
    el.query = '';
    el.filter = (r: Row) => r.group === 'sales';
    await settle();
    expect(names(el)).toEqual(['Борис', 'carl']);
    el.query = 'nobody';
    await settle();
    expect(textOf(el)).toContain('Nothing matches the search and filters.');
  });

  it('pages through the rows and starts again at the first page when the search changes', async () => {
    const el = await table();
    expect(names(el)).toEqual(['Борис', 'Anna', 'Ёлкин Пётр', 'carl']);
    expect(textOf($(el, '.count'))).toBe('1–4 of 6');
    expect($<HTMLButtonElement>(el, 'button.prev').disabled).toBe(true);
    $<HTMLButtonElement>(el, 'button.next').click();
    await settle();
    expect(names(el)).toEqual(['Dina 10', 'Dina 9']);
    expect(textOf($(el, '.count'))).toBe('5–6 of 6');
    expect($<HTMLButtonElement>(el, 'button.next').disabled).toBe(true);
    el.query = 'a';
    await settle();
    expect(textOf($(el, '.count'))).toMatch(/^1–/);
  });

  it('opens a row with a click or Enter', async () => {
    const el = await table();
    const opened: Row[] = [];
    el.addEventListener('adm-row-open', (e) => opened.push((e as CustomEvent<Row>).detail));
    $<HTMLElement>(el, 'tbody tr[data-key="Anna"]').click();
    $<HTMLElement>(el, 'tbody tr[data-key="carl"]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(opened.map((r) => r.name)).toEqual(['Anna', 'carl']);
  });

  it('says so when there are no rows at all', async () => {
    const el = await table({ rows: [], emptyText: 'No one here yet.' });
    expect(textOf(el)).toBe('No one here yet.');
  });
});

describe('tableView', () => {
  it('a page past the end is the last page', () => {
    const v = tableView(team, columns, { query: '', sort: null, page: 9, pageSize: 4, lang: 'en' });
    expect(v).toMatchObject({ page: 1, pages: 2, from: 5, to: 6, total: 6 });
  });
});
