// The one list of functions the bundle exposes as top-level declarations (web-app entry points, simple
// triggers, installable trigger handlers, menu items and what pages call through google.script.run), each
// with who may reach it (domain/access.ts). The build generates a wrapper per name; main.ts must provide
// exactly these (the compiler checks) and gas/guard.ts wraps every one, so none can skip the check.
import type { Access } from './domain/access.ts';
import { SCREENS, SCREEN_PAGES, showName, type ShowName } from '../../common/screens.ts';

/** One show<Page> per screen of the registry, open to the role the screen needs. */
const SHOW = Object.fromEntries(SCREEN_PAGES.map((p) => [showName(p), SCREENS[p].role])) as Record<ShowName, Access>;

export const EXPOSED = {
  ...SHOW,
  doGet: 'web',
  doPost: 'web',
  onOpen: 'simple',
  onInstall: 'simple',
  onEdit: 'simple',
  setup: 'admin',
  setupFromMenu: 'admin',
  seedDemoData: 'admin',
  installTriggers: 'admin',
  installTriggersFromMenu: 'admin',
  checkBreaks: 'trigger',
  dailyRollover: 'trigger',
  weeklySummary: 'trigger',
  archive: 'trigger',
  archiveContinue: 'trigger',
  adminRpc: 'staff',
} as const satisfies Record<string, Access>;

export type ExposedName = keyof typeof EXPOSED;
export const EXPOSED_NAMES = Object.keys(EXPOSED) as ExposedName[];
