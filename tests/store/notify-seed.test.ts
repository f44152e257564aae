// The service alerts' default rules reach a Notify tab made before them: Setup appends them once; a default an
// admin deleted is not put back; a second run has nothing to do.
import { describe, expect, it } from 'vitest';
import { installGasGlobals } from '../helpers/gas-globals.ts';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { NOTIFY_SEEDED_KEY, setup } from '../../appsscript/src/services/setup.ts';
import { DEFAULT_NOTIFY_RULES, FIRST_DEFAULT_RULE_IDS } from '../../common/notify-rules.ts';
import { tabRows } from '../helpers/tab-rows.ts';

const ids = () => tabRows('Notify').map((r) => r.id);

/** A workbook set up before the service alerts: the first four defaults, and no note of what it was given. */
function beforeServiceAlerts(): ReturnType<typeof installGasGlobals> {
  const world = installGasGlobals({ timeZone: 'Europe/Moscow' });
  const port = gasSheetPort();
  setup(port);
  expect(ids()).toEqual(DEFAULT_NOTIFY_RULES.map((r) => r.id));
  port.deleteRows('Notify', 2 + FIRST_DEFAULT_RULE_IDS.length, DEFAULT_NOTIFY_RULES.length - FIRST_DEFAULT_RULE_IDS.length);
  const settings = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Settings')!;
  const keys = settings.getRange(1, 1, settings.getLastRow(), 1).getValues().map((r) => r[0]);
  settings.getRange(keys.indexOf(NOTIFY_SEEDED_KEY) + 1, 2).setValues([['']]);
  world.newExecution();
  return world;
}

describe('Setup and the default notification rules', () => {
  it('a new workbook gets every default, and notes them', () => {
    installGasGlobals({ timeZone: 'Europe/Moscow' });
    const report = setup(gasSheetPort());
    expect(report.notifyRulesAdded).toBeUndefined();
    expect(ids()).toContain('sync-backlog');
    expect(tabRows('Notify').find((r) => r.id === 'bot-unreachable')).toMatchObject({ when: 'bot_unreachable', who: 'admins', how: 'email', minutes: 30 });
  });

  it('a Notify tab from before gets the service defaults appended once; a second run has nothing to do', () => {
    const world = beforeServiceAlerts();
    expect(ids()).toEqual([...FIRST_DEFAULT_RULE_IDS]);
    const report = setup(gasSheetPort());
    expect(report.notifyRulesAdded).toEqual(['sync-backlog', 'trigger-stale', 'quota-low', 'bot-unreachable']);
    expect(report.nothingToDo).toBe(false);
    expect(ids()).toEqual(DEFAULT_NOTIFY_RULES.map((r) => r.id));
    world.newExecution();
    expect(setup(gasSheetPort()).nothingToDo).toBe(true);
    expect(ids()).toHaveLength(DEFAULT_NOTIFY_RULES.length);
  });

  it('a default the admin deleted stays deleted', () => {
    const world = beforeServiceAlerts();
    setup(gasSheetPort());
    world.newExecution();
    const at = ids().indexOf('quota-low');
    gasSheetPort().deleteRows('Notify', at + 2, 1);
    world.newExecution();
    expect(setup(gasSheetPort()).nothingToDo).toBe(true);
    expect(ids()).not.toContain('quota-low');
  });

  it('a run cut after appending the rows (before the note) does not append them twice', () => {
    const world = beforeServiceAlerts();
    // As if cut just after the append: the rows are there, the note is not.
    const port = gasSheetPort();
    setup(port);
    const settings = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Settings')!;
    const keys = settings.getRange(1, 1, settings.getLastRow(), 1).getValues().map((r) => r[0]);
    settings.getRange(keys.indexOf(NOTIFY_SEEDED_KEY) + 1, 2).setValues([['']]);
    world.newExecution();
    setup(gasSheetPort());
    expect(ids()).toEqual(DEFAULT_NOTIFY_RULES.map((r) => r.id));
  });
});
