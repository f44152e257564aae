// Ui and Menu of SpreadsheetApp.getUi(). Menus are built in the execution and sent to the 'ui' host on
// addToUi; sidebars, dialogs and alerts are sent at once (the admin page renders them).
import type { FacadeContext } from '../../runtime/contracts.ts';
import type { UiButton, UiButtonSet, UiMenuEntry, UiShow } from '../../host/ui.ts';
import { gas, signatureMismatch } from './wire.ts';
import { htmlOutputPayload } from '../html-service.ts';

type Ui = GoogleAppsScript.Base.Ui;
type Menu = GoogleAppsScript.Base.Menu;
type HtmlOutput = GoogleAppsScript.HTML.HtmlOutput;

const BUTTON = Object.freeze({ CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' } satisfies Record<UiButton, UiButton>);
const BUTTON_SET = Object.freeze({
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
} satisfies Record<UiButtonSet, UiButtonSet>);

const menuEntries = new WeakMap<object, { caption: string; items: UiMenuEntry[] }>();

export class EmuMenu implements Pick<Menu, 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'> {
  private readonly items: UiMenuEntry[] = [];

  constructor(
    private readonly ctx: FacadeContext,
    private readonly spreadsheetId: string,
    private readonly caption: string,
    private readonly addon: boolean,
  ) {
    menuEntries.set(this, { caption, items: this.items });
  }

  addItem(caption: string, functionName: string): Menu {
    this.ctx.meter.count('Menu.addItem');
    if (typeof caption !== 'string' || typeof functionName !== 'string') {
      signatureMismatch(this.ctx, [caption, functionName], 'Menu.addItem');
    }
    this.items.push({ kind: 'item', caption, functionName });
    return gas(this);
  }

  addSeparator(): Menu {
    this.ctx.meter.count('Menu.addSeparator');
    this.items.push({ kind: 'separator' });
    return gas(this);
  }

  addSubMenu(menu: Menu): Menu {
    this.ctx.meter.count('Menu.addSubMenu');
    const sub = typeof menu === 'object' && menu !== null ? menuEntries.get(menu) : undefined;
    if (!sub) signatureMismatch(this.ctx, [menu], 'Menu.addSubMenu');
    this.items.push({ kind: 'submenu', caption: sub.caption, items: structuredClone(sub.items) });
    return gas(this);
  }

  addToUi(): void {
    this.ctx.meter.count('Menu.addToUi');
    this.ctx.port.call('ui', 'addMenu', [{ spreadsheetId: this.spreadsheetId, caption: this.caption, addon: this.addon, items: this.items }]);
  }
}

export class EmuUi implements Pick<Ui, 'createMenu' | 'createAddonMenu' | 'showSidebar' | 'showModalDialog' | 'showModelessDialog' | 'alert' | 'Button' | 'ButtonSet'> {
  readonly Button = gas<typeof GoogleAppsScript.Base.Button>(BUTTON);
  readonly ButtonSet = gas<typeof GoogleAppsScript.Base.ButtonSet>(BUTTON_SET);

  constructor(
    private readonly ctx: FacadeContext,
    private readonly spreadsheetId: string,
  ) {}

  createMenu(caption: string): Menu {
    this.ctx.meter.count('Ui.createMenu');
    if (typeof caption !== 'string') signatureMismatch(this.ctx, [caption], 'Ui.createMenu');
    return gas(new EmuMenu(this.ctx, this.spreadsheetId, caption, false));
  }

  createAddonMenu(): Menu {
    this.ctx.meter.count('Ui.createAddonMenu');
    return gas(new EmuMenu(this.ctx, this.spreadsheetId, 'Add-on', true));
  }

  showSidebar(userInterface: HtmlOutput): void {
    this.ctx.meter.count('Ui.showSidebar');
    this.show('sidebar', userInterface, undefined, 'Ui.showSidebar');
  }

  showModalDialog(userInterface: HtmlOutput, title: string): void {
    this.ctx.meter.count('Ui.showModalDialog');
    this.show('modal', userInterface, title, 'Ui.showModalDialog');
  }

  showModelessDialog(userInterface: HtmlOutput, title: string): void {
    this.ctx.meter.count('Ui.showModelessDialog');
    this.show('modeless', userInterface, title, 'Ui.showModelessDialog');
  }

  /** alert(prompt) / alert(prompt, buttons) / alert(title, prompt, buttons); answers the affirmative button. */
  alert(a: string, b?: string | GoogleAppsScript.Base.ButtonSet, c?: GoogleAppsScript.Base.ButtonSet): GoogleAppsScript.Base.Button {
    this.ctx.meter.count('Ui.alert');
    let title = '';
    let prompt = String(a);
    let buttons: unknown = BUTTON_SET.OK;
    if (c !== undefined) {
      title = String(a);
      prompt = String(b);
      buttons = c;
    } else if (b !== undefined) buttons = b;
    if (!Object.values(BUTTON_SET).includes(buttons as UiButtonSet)) signatureMismatch(this.ctx, [a, b, c].filter((x) => x !== undefined), 'Ui.alert');
    const pressed = this.ctx.port.call<UiButton>('ui', 'alert', [this.spreadsheetId, title, prompt, buttons]);
    // Ui.Button values are compared with ===, so the same strings as this.Button's come back.
    return BUTTON[pressed] as unknown as GoogleAppsScript.Base.Button;
  }

  private show(kind: UiShow['kind'], out: HtmlOutput, title: string | undefined, method: string): void {
    if (typeof out !== 'object' || out === null || typeof out.getContent !== 'function') signatureMismatch(this.ctx, [out, title].filter((x) => x !== undefined), method);
    // Reading the output is not a service call of the script: use the HtmlService facade's own payload,
    // and the public getters only for an output from elsewhere.
    const payload = htmlOutputPayload(out);
    const d: UiShow = payload
      ? { kind, spreadsheetId: this.spreadsheetId, title: title ?? payload.title, html: payload.content, width: payload.width, height: payload.height }
      : { kind, spreadsheetId: this.spreadsheetId, title: title ?? safe(() => out.getTitle()) ?? '', html: out.getContent() };
    if (!payload) {
      const width = safe(() => out.getWidth());
      const height = safe(() => out.getHeight());
      if (typeof width === 'number' && width > 0) d.width = width;
      if (typeof height === 'number' && height > 0) d.height = height;
    }
    this.ctx.port.call('ui', 'show', [d]);
  }
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
