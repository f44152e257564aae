// The one list of functions the bundle exposes as top-level declarations: web-app entry points, simple
// triggers, installable trigger handlers and the functions sidebars call through google.script.run.
// The build generates a wrapper per name; main.ts must provide exactly these (the compiler checks).
export const EXPOSED = [
  'doGet',
  'doPost',
  'onOpen',
  'onEdit',
  'setup',
  'setupFromMenu',
  'seedDemoData',
  'installTriggers',
  'installTriggersFromMenu',
  'checkBreaks',
  'dailyRollover',
  'archive',
  'archiveContinue',
  'showHealthSidebar',
  'sidebarHealth',
] as const;

export type ExposedName = (typeof EXPOSED)[number];
