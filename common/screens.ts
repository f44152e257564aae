// The admin console's screens, declared once: the page, its ru/en title, where it opens and who may open
// it. The menu (gas/menu.ts), the exposed show… functions (exposed.ts) and the page build (scripts/build.ts)
// all derive from this list. Sidebars are 300 px wide (Google's fixed width); wide work opens a dialog.
export interface ScreenSpec {
  title: { ru: string; en: string };
  /** sidebar: 300 px beside the grid; dialog: a modal dialog of width x height. */
  kind: 'sidebar' | 'dialog';
  width?: number;
  height?: number;
  /** admin: admins only; staff: admins and leads (who see only their groups). */
  role: 'admin' | 'staff';
}

export const SCREENS = {
  People: { title: { ru: 'Сотрудники', en: 'People' }, kind: 'sidebar', role: 'staff' },
  Groups: { title: { ru: 'Группы', en: 'Groups' }, kind: 'sidebar', role: 'admin' },
  Statuses: { title: { ru: 'Статусы', en: 'Statuses' }, kind: 'sidebar', role: 'admin' },
  Rules: { title: { ru: 'Правила перерывов', en: 'Break rules' }, kind: 'sidebar', role: 'admin' },
  Settings: { title: { ru: 'Настройки', en: 'Settings' }, kind: 'sidebar', role: 'admin' },
  Audit: { title: { ru: 'Журнал изменений', en: 'Audit log' }, kind: 'dialog', width: 960, height: 640, role: 'admin' },
  Doctor: { title: { ru: 'Диагностика', en: 'Doctor' }, kind: 'sidebar', role: 'admin' },
  Floor: { title: { ru: 'Смена сейчас', en: 'Floor now' }, kind: 'sidebar', role: 'staff' },
  FloorBoard: { title: { ru: 'Табло смены', en: 'Floor board' }, kind: 'dialog', width: 1200, height: 800, role: 'staff' },
  Violations: { title: { ru: 'Нарушения', en: 'Violations' }, kind: 'dialog', width: 1100, height: 720, role: 'staff' },
  Schedule: { title: { ru: 'График смен', en: 'Schedules' }, kind: 'dialog', width: 1200, height: 760, role: 'staff' },
  Reports: { title: { ru: 'Аналитика', en: 'Analytics' }, kind: 'dialog', width: 1200, height: 800, role: 'staff' },
  Notifications: { title: { ru: 'Уведомления', en: 'Notifications' }, kind: 'sidebar', role: 'admin' },
  Broadcast: { title: { ru: 'Рассылка', en: 'Broadcast' }, kind: 'dialog', width: 1000, height: 720, role: 'staff' },
} as const satisfies Record<string, ScreenSpec>;

export type ScreenPage = keyof typeof SCREENS;
export const SCREEN_PAGES = Object.keys(SCREENS) as ScreenPage[];

/** The exposed function that opens a screen: show<Page>. */
export type ShowName = `show${ScreenPage}`;
export const showName = (page: ScreenPage): ShowName => `show${page}`;
