// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../appsscript/ui/features/Statuses/statuses-screen.ts';
import type { AdmStatuses } from '../../appsscript/ui/features/Statuses/statuses-screen.ts';
import { setLang } from '../../appsscript/ui/i18n/locale.ts';
import type { StatusRecord } from '../../common/admin-api.ts';
import { $, $all, clear, textOf } from '../client/ui-helpers.ts';
import { FakeScriptRun, fail, flush, ok, status } from './fake-script-run.ts';
import { choose, click, mountPage, type } from './interact.ts';

const STATUSES: StatusRecord[] = [
  status({ code: 'work', label_ru: 'Работа', label_en: 'Working', kind: 'work', counts_as_work: true, color: '#34a853' }),
  status(),
  status({ code: 'smoke', label_ru: 'Перекур', label_en: 'Smoke', color: '', hidden: true, in_use: false }),
];

let fake: FakeScriptRun;
const open = () => mountPage<AdmStatuses>('adm-statuses');
const rows = (el: HTMLElement) => $all(el, 'adm-data-table tbody tr').map((tr) => textOf(tr));

describe('Statuses', () => {
  beforeEach(() => {
    setLang('en');
    fake = new FakeScriptRun().on('statuses.list', () => ok('statuses.list', { rows: STATUSES })).install();
  });
  afterEach(() => clear());

  it('lists every status in the tab\'s order with its names, kind, work time, hidden and in use', async () => {
    const el = await open();
    expect(rows(el)).toEqual([
      'Working work · Работа work time in use Work',
      'Break break · Перерыв in use Break',
      'Smoke smoke · Перекур hidden Break',
    ]);
    expect($(el, 'adm-data-table tr[data-key="smoke"]').className).toBe('dim');
    // A blank colour is the kind's own: said so, not drawn as some colour.
    expect($(el, 'adm-data-table tr[data-key="smoke"] .swatch').getAttribute('aria-label')).toBe('The kind\'s own colour');
    setLang('ru');
    await flush();
    expect(rows(el)[0]).toBe('Работа work · Working рабочее время используется Работа');
  });

  it('adds a status, the code typed once', async () => {
    fake.on('statuses.save', (p) => ok('statuses.save', { record: status({ ...p, in_use: false, version: 's9' }), created: true }));
    const el = await open();
    await click(el, 'button.add');
    type(el, 'adm-status-form #code', 'coaching');
    type(el, 'adm-status-form #label_ru', 'Коучинг');
    type(el, 'adm-status-form #label_en', 'Coaching');
    choose(el, 'adm-status-form #kind', 'training');
    $<HTMLInputElement>(el, 'adm-status-form #counts_as_work').click();
    type(el, 'adm-status-form #color', '#a142f4');
    await click(el, 'adm-status-form button.save');
    const [sent] = fake.callsOf('statuses.save');
    expect(sent).toMatchObject({ code: 'coaching', label_ru: 'Коучинг', label_en: 'Coaching', kind: 'training', counts_as_work: true, color: '#a142f4', hidden: false });
    expect(sent).not.toHaveProperty('version');
    expect(rows(el).at(-1)).toBe('Coaching coaching · Коучинг work time Training');
    expect(textOf($(el, 'adm-toast'))).toContain('Status Coaching added.');
  });

  it('edits a status: no code field, the version sent, the list updated', async () => {
    fake.on('statuses.save', (p) => ok('statuses.save', { record: status({ ...p, in_use: false, version: 's2' }), created: false }));
    const el = await open();
    await click(el, 'adm-data-table tr[data-key="break"]');
    expect($all(el, 'adm-status-form #code')).toEqual([]);
    expect(textOf($(el, 'adm-status-form .code'))).toBe('Code break');
    type(el, 'adm-status-form #label_en', 'Short break');
    await click(el, 'adm-status-form button.save');
    expect(fake.callsOf('statuses.save')[0]).toMatchObject({ code: 'break', label_en: 'Short break', version: 's1' });
    // The save's in_use leaves Current out: the list keeps what it knew.
    expect(rows(el)[1]).toBe('Short break break · Перерыв in use Break');
  });

  it('a bad colour is shown at the colour field before any call; a server problem at its field', async () => {
    fake.on('statuses.save', () => fail('bad_request', 'Invalid label / Неверное название', { fields: [{ field: 'label_ru', message: 'required' }] }));
    setLang('ru');
    const el = await open();
    await click(el, 'adm-data-table tr[data-key="break"]');
    type(el, 'adm-status-form #color', 'yellow');
    await click(el, 'adm-status-form button.save');
    expect(textOf($(el, 'adm-status-form [data-field="color"] .field-error'))).toBe('⚠ Цвет в виде #rrggbb');
    expect($(el, 'adm-status-form #color').getAttribute('aria-invalid')).toBe('true');
    expect(fake.callsOf('statuses.save')).toEqual([]);

    type(el, 'adm-status-form #color', '#FBBC04');
    await click(el, 'adm-status-form button.save');
    expect(textOf($(el, 'adm-status-form [data-field="label_ru"] .field-error'))).toBe('⚠ Обязательное поле');
    expect($all(el, 'adm-status-form [data-field="color"] .field-error')).toEqual([]);
  });

  it('a code already taken is a problem of the code when adding', async () => {
    fake.on('statuses.save', () => fail('conflict', 'There is already a status break / Статус break уже есть', { field: 'code', current: STATUSES[1] }));
    const el = await open();
    await click(el, 'button.add');
    type(el, 'adm-status-form #code', 'break');
    type(el, 'adm-status-form #label_ru', 'Пауза');
    type(el, 'adm-status-form #label_en', 'Pause');
    await click(el, 'adm-status-form button.save');
    expect($all(el, 'adm-status-form adm-conflict')).toEqual([]);
    expect(textOf($(el, 'adm-status-form [data-field="code"] .field-error'))).toBe('⚠ There is already a status break');
  });

  it('a conflict shows the status as it is now and loads it', async () => {
    const now = status({ label_en: 'Coffee', color: '#ff0000', version: 's2' });
    fake.on('statuses.save', () => fail('conflict', 'Someone changed this status / Кто-то изменил статус', { field: 'code', current: now }));
    const el = await open();
    await click(el, 'adm-data-table tr[data-key="break"]');
    type(el, 'adm-status-form #label_ru', 'Пауза');
    await click(el, 'adm-status-form button.save');
    const items = $all(el, 'adm-status-form adm-conflict .item').map((i) => textOf(i));
    expect(items).toContain('Name in Russian Now: Перерыв Yours: Пауза');
    expect(items).toContain('Name in English Now: Coffee Yours: Break');
    expect(items).toContain('Colour Now: #ff0000 Yours: #fbbc04');
    await click(el, 'adm-status-form adm-conflict button.reload');
    expect($all(el, 'adm-status-form adm-conflict')).toEqual([]);
    expect($<HTMLInputElement>(el, 'adm-status-form #label_en').value).toBe('Coffee');
    expect($<HTMLInputElement>(el, 'adm-status-form #label_ru').value).toBe('Перерыв');
  });

  it('hides a status in use (never removes it) and offers it again, keeping unsaved edits', async () => {
    fake.on('statuses.save', (p) => ok('statuses.save', { record: status({ ...p, in_use: false, version: p.hidden ? 's2' : 's3' }), created: false }));
    const el = await open();
    await click(el, 'adm-data-table tr[data-key="break"]');
    expect(textOf($(el, 'adm-status-form .in-use'))).toContain('In use now');
    // Nothing removes a status: hiding is the one way out.
    expect($all(el, 'adm-status-form button').map((b) => textOf(b))).toEqual(['Save', 'Cancel', 'Hide from employees']);
    type(el, 'adm-status-form #label_en', 'Pause');
    await click(el, 'adm-status-form button.hide');
    // Only the flag is saved, on the values as stored: the typed name is not saved by hiding.
    expect(fake.callsOf('statuses.save')[0]).toMatchObject({ code: 'break', label_en: 'Break', hidden: true, version: 's1' });
    expect($<HTMLInputElement>(el, 'adm-status-form #label_en').value).toBe('Pause');
    expect(textOf($(el, 'adm-toast'))).toContain('Break is hidden.');
    expect(rows(el)[1]).toContain('hidden');

    await click(el, 'adm-status-form button.unhide');
    expect(fake.callsOf('statuses.save')[1]).toMatchObject({ hidden: false, version: 's2' });
    await click(el, 'adm-status-form button.save');
    expect(fake.callsOf('statuses.save')[2]).toMatchObject({ label_en: 'Pause', hidden: false, version: 's3' });
  });

  it('loading, then a failure that can be tried again, then an empty list', async () => {
    let answer: () => unknown = () => fail('not_found', 'There is no Statuses tab / Нет вкладки Statuses');
    fake.on('statuses.list', () => answer());
    const el = document.createElement('adm-statuses');
    document.body.append(el);
    await el.updateComplete;
    expect(textOf($(el, '.state.loading'))).toBe('Loading…');
    await flush();
    expect(textOf($(el, '.state.failed p'))).toBe('There is no Statuses tab');
    answer = () => ok('statuses.list', { rows: [] });
    await click(el, '.state.failed button.retry');
    expect($all(el, '.state.failed')).toEqual([]);
    expect(textOf($(el, 'adm-data-table'))).toBe('No statuses yet. Add the first one.');
  });
});
