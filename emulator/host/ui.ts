// Host service 'ui': what SpreadsheetApp.getUi() and Spreadsheet.toast show. Nobody sits in front of an
// emulated spreadsheet, so menus are kept (per spreadsheet) and sidebars, dialogs, alerts and toasts are
// queued for the runtime's admin page, which renders them (uiState / takeDialogs below).
import type { ExecutionInfo } from '../runtime/contracts.ts';
import type { HostDeps, HostService } from './deps.ts';

export type UiMenuEntry =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; caption: string; items: UiMenuEntry[] };

export interface UiMenu {
  spreadsheetId: string;
  caption: string;
  /** createAddonMenu() instead of createMenu(caption). */
  addon: boolean;
  items: UiMenuEntry[];
  /** Who added it (the user whose onOpen ran), and when (emulated clock). */
  user: string;
  at: number;
}

export type UiButton = 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE';
export type UiButtonSet = 'OK' | 'OK_CANCEL' | 'YES_NO' | 'YES_NO_CANCEL';

export interface UiDialog {
  /** Increasing, per runtime. */
  id: number;
  kind: 'sidebar' | 'modal' | 'modeless' | 'alert' | 'toast';
  spreadsheetId: string;
  /** The user the execution ran for (exec.activeUser): the admin page shows it to that user. */
  user: string;
  execId: string;
  at: number;
  title: string;
  /** sidebar / modal / modeless: HtmlOutput.getContent(). */
  html?: string;
  width?: number;
  height?: number;
  /** alert / toast text. */
  message?: string;
  buttons?: UiButtonSet;
  timeoutSeconds?: number | null;
}

/** What a facade sends for sidebar / dialog. */
export interface UiShow {
  kind: 'sidebar' | 'modal' | 'modeless';
  spreadsheetId: string;
  title: string;
  html: string;
  width?: number;
  height?: number;
}

interface UiStore {
  menus: UiMenu[];
  pending: UiDialog[];
  nextId: number;
}

/** Dialogs nobody takes are dropped beyond this, oldest first. */
export const MAX_PENDING_DIALOGS = 200;

const stores = new WeakMap<HostDeps, UiStore>();

function storeOf(deps: HostDeps): UiStore {
  let s = stores.get(deps);
  if (!s) stores.set(deps, (s = { menus: [], pending: [], nextId: 1 }));
  return s;
}

export function createUiHost(deps: HostDeps): HostService {
  const store = storeOf(deps);
  const enqueue = (exec: ExecutionInfo, d: Omit<UiDialog, 'id' | 'user' | 'execId' | 'at'>): void => {
    store.pending.push({ ...d, id: store.nextId++, user: exec.activeUser, execId: exec.id, at: deps.clock.now() });
    if (store.pending.length > MAX_PENDING_DIALOGS) store.pending.splice(0, store.pending.length - MAX_PENDING_DIALOGS);
  };
  return {
    /** Menu.addToUi: a menu with the same caption in the same spreadsheet is replaced (onOpen runs again). */
    addMenu(exec: ExecutionInfo, menu: Pick<UiMenu, 'spreadsheetId' | 'caption' | 'addon' | 'items'>): void {
      const entry: UiMenu = { ...menu, user: exec.activeUser, at: deps.clock.now() };
      const i = store.menus.findIndex((m) => m.spreadsheetId === menu.spreadsheetId && m.caption === menu.caption && m.addon === menu.addon);
      if (i >= 0) store.menus[i] = entry;
      else store.menus.push(entry);
    },

    show(exec: ExecutionInfo, d: UiShow): void {
      enqueue(exec, d);
    },

    /** Ui.alert: recorded; answers as if the user pressed the affirmative button. */
    alert(exec: ExecutionInfo, spreadsheetId: string, title: string, message: string, buttons: UiButtonSet): UiButton {
      enqueue(exec, { kind: 'alert', spreadsheetId, title, message, buttons });
      return buttons.startsWith('YES') ? 'YES' : 'OK';
    },

    toast(exec: ExecutionInfo, spreadsheetId: string, message: string, title: string, timeoutSeconds: number | null): void {
      enqueue(exec, { kind: 'toast', spreadsheetId, title, message, timeoutSeconds });
    },
  };
}

/** A copy of the menus and of the dialogs not taken yet (for rendering; taking is separate). */
export function uiState(deps: HostDeps): { menus: UiMenu[]; dialogs: UiDialog[] } {
  const s = storeOf(deps);
  return structuredClone({ menus: s.menus, dialogs: s.pending });
}

/** Removes and returns the pending dialogs, optionally only those of one spreadsheet and/or user. */
export function takeDialogs(deps: HostDeps, filter: { spreadsheetId?: string; user?: string } = {}): UiDialog[] {
  const s = storeOf(deps);
  const taken: UiDialog[] = [];
  s.pending = s.pending.filter((d) => {
    const match = (filter.spreadsheetId === undefined || d.spreadsheetId === filter.spreadsheetId) && (filter.user === undefined || d.user === filter.user);
    if (match) taken.push(d);
    return !match;
  });
  return taken;
}

/** Forgets the menus (all, or one spreadsheet's), e.g. before running onOpen again for a fresh page. */
export function resetMenus(deps: HostDeps, spreadsheetId?: string): void {
  const s = storeOf(deps);
  s.menus = spreadsheetId === undefined ? [] : s.menus.filter((m) => m.spreadsheetId !== spreadsheetId);
}
