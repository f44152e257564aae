// Conformance of SpreadsheetApp.getUi() (developers.google.com/apps-script/reference/base/ui and .../base/menu)
// and of the 'ui' host state the runtime's admin page renders.
import { describe, expect, it } from 'vitest';
import { spreadsheetHarness } from './helpers/spreadsheet-harness.ts';
import { resetMenus, takeDialogs, uiState } from '../../emulator/host/ui.ts';
import { createHtmlService } from '../../emulator/gas/html-service.ts';

/** The part of HtmlOutput that Ui reads (the HtmlService facade is another module). */
function htmlOutput(content: string, title = '', width = 0): GoogleAppsScript.HTML.HtmlOutput {
  return { getContent: () => content, getTitle: () => title, getWidth: () => width, getHeight: () => 0 } as unknown as GoogleAppsScript.HTML.HtmlOutput;
}

describe('Menu', () => {
  it('createMenu(...).addItem/addSeparator/addSubMenu.addToUi records the menu for the spreadsheet', () => {
    // base/ui#createMenu: "Creates a builder that can be used to add a menu to the editor's user interface."
    // base/menu#addToUi: "Inserts the menu into the instance of the editor's user interface."
    const h = spreadsheetHarness({ exec: { kind: 'simple', fn: 'onOpen' } });
    const ui = h.app.getUi();
    ui.createMenu('WorkTimeTracker')
      .addItem('Состояние / Health', 'showHealthSidebar')
      .addSeparator()
      .addSubMenu(ui.createMenu('Admin').addItem('Rollover', 'runRollover'))
      .addToUi();
    const { menus } = uiState(h.deps);
    expect(menus).toHaveLength(1);
    expect(menus[0]).toMatchObject({
      spreadsheetId: 'main',
      caption: 'WorkTimeTracker',
      addon: false,
      user: 'owner@example.com',
      items: [
        { kind: 'item', caption: 'Состояние / Health', functionName: 'showHealthSidebar' },
        { kind: 'separator' },
        { kind: 'submenu', caption: 'Admin', items: [{ kind: 'item', caption: 'Rollover', functionName: 'runRollover' }] },
      ],
    });
  });

  it('adding a menu with the same caption again replaces it (onOpen runs on every open)', () => {
    const h = spreadsheetHarness();
    for (const fn of ['first', 'second']) h.app.getUi().createMenu('WTT').addItem('Go', fn).addToUi();
    const { menus } = uiState(h.deps);
    expect(menus.map((m) => (m.items[0] as { functionName: string }).functionName)).toEqual(['second']);
    resetMenus(h.deps, 'main');
    expect(uiState(h.deps).menus).toEqual([]);
  });

  it('createAddonMenu gives an add-on menu', () => {
    const h = spreadsheetHarness();
    h.app.getUi().createAddonMenu().addItem('Open', 'open').addToUi();
    expect(uiState(h.deps).menus[0].addon).toBe(true);
  });

  it('every builder call is a counted call', () => {
    const h = spreadsheetHarness();
    h.app.getUi().createMenu('M').addItem('A', 'a').addSeparator().addToUi();
    expect(h.meter.calls).toMatchObject({ 'SpreadsheetApp.getUi': 1, 'Ui.createMenu': 1, 'Menu.addItem': 1, 'Menu.addSeparator': 1, 'Menu.addToUi': 1 });
  });
});

describe('dialogs', () => {
  it('showSidebar queues the HtmlOutput content and title for the admin page', () => {
    // base/ui#showSidebar: "Opens a sidebar in the user's editor with custom client-side content."
    const h = spreadsheetHarness({ exec: { kind: 'rpc', activeUser: 'lead@example.com' } });
    h.app.getUi().showSidebar(htmlOutput('<p>health</p>', 'Health', 300));
    const { dialogs } = uiState(h.deps);
    expect(dialogs).toEqual([
      expect.objectContaining({ kind: 'sidebar', spreadsheetId: 'main', title: 'Health', html: '<p>health</p>', width: 300, user: 'lead@example.com', at: h.clock.now() }),
    ]);
    expect(dialogs[0].height).toBeUndefined();
  });

  it('an HtmlService output is shown with its title and size, without counting reads of it as calls', () => {
    // base/ui#showSidebar with html/html-output#setTitle and #setWidth
    const h = spreadsheetHarness({ exec: { kind: 'rpc' } });
    const out = createHtmlService(h.ctx).createHtmlOutput('<p>x</p>').setTitle('Health').setWidth(320);
    h.app.getUi().showSidebar(out);
    expect(uiState(h.deps).dialogs[0]).toMatchObject({ kind: 'sidebar', title: 'Health', html: '<p>x</p>', width: 320 });
    expect(Object.keys(h.meter.calls).filter((k) => k.startsWith('HtmlOutput.get'))).toEqual([]);
  });

  it('showModalDialog / showModelessDialog take their title from the call', () => {
    // base/ui#showModalDialog(userInterface, title): "Opens a modal dialog box in the user's editor with custom client-side content."
    const h = spreadsheetHarness();
    const ui = h.app.getUi();
    ui.showModalDialog(htmlOutput('<b>m</b>', 'ignored'), 'Modal');
    ui.showModelessDialog(htmlOutput('<b>n</b>'), 'Modeless');
    expect(uiState(h.deps).dialogs.map((d) => [d.kind, d.title, d.html])).toEqual([
      ['modal', 'Modal', '<b>m</b>'],
      ['modeless', 'Modeless', '<b>n</b>'],
    ]);
  });

  it('alert(prompt) returns Button.OK; alert(title, prompt, YES_NO) returns Button.YES', () => {
    // base/ui#alert: "Opens a dialog box in the user's editor with the given message and an 'OK' button ... Return: Button, the button the user clicked."
    const h = spreadsheetHarness();
    const ui = h.app.getUi();
    expect(ui.alert('Saved')).toBe(ui.Button.OK);
    expect(ui.alert('Delete?', 'Delete the row?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    expect(ui.alert('Proceed?', ui.ButtonSet.OK_CANCEL)).toBe(ui.Button.OK);
    expect(uiState(h.deps).dialogs.map((d) => [d.kind, d.title, d.message, d.buttons])).toEqual([
      ['alert', '', 'Saved', 'OK'],
      ['alert', 'Delete?', 'Delete the row?', 'YES_NO'],
      ['alert', '', 'Proceed?', 'OK_CANCEL'],
    ]);
  });

  it('takeDialogs removes what it returns, optionally for one user', () => {
    const h = spreadsheetHarness();
    h.execution({ activeUser: 'a@example.com' }).app.getUi().alert('for a');
    h.execution({ activeUser: 'b@example.com' }).app.getUi().alert('for b');
    expect(takeDialogs(h.deps, { user: 'b@example.com' }).map((d) => d.message)).toEqual(['for b']);
    expect(uiState(h.deps).dialogs.map((d) => d.message)).toEqual(['for a']);
    expect(takeDialogs(h.deps).map((d) => d.message)).toEqual(['for a']);
    expect(uiState(h.deps).dialogs).toEqual([]);
  });

  it('dialog ids increase', () => {
    const h = spreadsheetHarness();
    const ui = h.app.getUi();
    ui.alert('1');
    ui.alert('2');
    const [a, b] = uiState(h.deps).dialogs;
    expect(b.id).toBeGreaterThan(a.id);
  });

  it('Spreadsheet.toast is queued as a toast', () => {
    const h = spreadsheetHarness();
    h.app.getActiveSpreadsheet().toast('Done', 'WTT', 5);
    expect(uiState(h.deps).dialogs).toEqual([expect.objectContaining({ kind: 'toast', message: 'Done', title: 'WTT', timeoutSeconds: 5 })]);
  });

  it('showSidebar with something that is not an HtmlOutput is a signature error', () => {
    const h = spreadsheetHarness();
    expect(() => h.app.getUi().showSidebar('<p>x</p>' as unknown as GoogleAppsScript.HTML.HtmlOutput)).toThrow(
      "The parameters (String) don't match the method signature for Ui.showSidebar.",
    );
  });
});

describe('context', () => {
  it.each(['web', 'trigger'] as const)('getUi from a %s execution fails with "Cannot call SpreadsheetApp.getUi() from this context."', (kind) => {
    // Apps Script, time-driven trigger or web app: "Exception: Cannot call SpreadsheetApp.getUi() from this context."
    const h = spreadsheetHarness();
    expect(() => h.execution({ kind }).app.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
  });

  it.each(['simple', 'rpc', 'manual'] as const)('getUi works in a %s execution', (kind) => {
    const h = spreadsheetHarness();
    expect(() => h.execution({ kind }).app.getUi()).not.toThrow();
  });
});
