// A realistic demo team for a new workbook: three groups, thirty people (Russian and English names), the usual
// statuses, break rules per rule set and a week of shifts whose breaks are staggered, so the live board, the
// rule checks and the analytics have something to show on the first start.
import type { Employee, Group, PlannedBreakRow, Rule, Shift, Status } from './model.ts';
import type { Role } from '../../../common/status.ts';
import { addDays } from './calendar.ts';

export interface DemoTeam {
  groups: Group[];
  employees: Employee[];
  statuses: Status[];
  rules: Rule[];
  shifts: Shift[];
}

export interface DemoOptions {
  /** The admin's email (the person who ran setup is a natural choice); default olga.smirnova@example.com. */
  adminEmail?: string;
  /** Days of shifts from today; default 7. */
  days?: number;
}

/** The first employee: the one to sign in as on the demo employee page. */
export const DEMO_EMPLOYEE_EMAIL = 'anna.ivanova@example.com';
export const DEMO_ADMIN_EMAIL = 'olga.smirnova@example.com';

interface Person {
  name: string;
  email: string;
  group: string;
  role: Role;
  active?: boolean;
}

const p = (name: string, login: string, group: string, role: Role = 'employee', active = true): Person => ({
  name,
  email: `${login}@example.com`,
  group,
  role,
  active,
});

const L1 = 'support-l1';
const L2 = 'support-l2';
const BILLING = 'billing';

const PEOPLE: readonly Person[] = [
  p('Анна Иванова', 'anna.ivanova', L1),
  p('Дмитрий Петров', 'dmitry.petrov', L1, 'lead'),
  p('Ольга Смирнова', 'olga.smirnova', L1, 'admin'),
  p('James Carter', 'james.carter', L1),
  p('Мария Кузнецова', 'maria.kuznetsova', L1),
  p('Emily Johnson', 'emily.johnson', L1),
  p('Алексей Соколов', 'alexey.sokolov', L1),
  p('Екатерина Попова', 'ekaterina.popova', L1),
  p('Michael Brown', 'michael.brown', L1),
  p('Иван Лебедев', 'ivan.lebedev', L1),
  p('Sophie Turner', 'sophie.turner', L1),
  p('Наталья Козлова', 'natalia.kozlova', L1),
  p('Сергей Новиков', 'sergey.novikov', L1),
  p('Елена Морозова', 'elena.morozova', L2, 'lead'),
  p('Daniel Wilson', 'daniel.wilson', L2),
  p('Павел Волков', 'pavel.volkov', L2),
  p('Olivia Davis', 'olivia.davis', L2),
  p('Татьяна Фёдорова', 'tatiana.fedorova', L2),
  p('Андрей Михайлов', 'andrey.mikhailov', L2),
  p('William Clark', 'william.clark', L2),
  p('Юлия Васильева', 'yulia.vasilieva', L2),
  p('Никита Егоров', 'nikita.egorov', L2),
  p('Ирина Павлова', 'irina.pavlova', BILLING, 'lead'),
  p('Thomas Walker', 'thomas.walker', BILLING),
  p('Светлана Семёнова', 'svetlana.semenova', BILLING),
  p('Charlotte Evans', 'charlotte.evans', BILLING),
  p('Максим Голубев', 'maxim.golubev', BILLING),
  p('Анастасия Виноградова', 'anastasia.vinogradova', BILLING),
  p('George Harris', 'george.harris', BILLING),
  // On leave: shows that inactive people keep their row but get no shifts and cannot sign in.
  p('Роман Богданов', 'roman.bogdanov', BILLING, 'employee', false),
];

interface GroupPlan {
  maxConcurrentBreaks: number;
  ruleSet: string;
  shiftStart: number; // minutes after midnight
  lunchMinutes: number;
}

const GROUPS: Record<string, GroupPlan> = {
  [L1]: { maxConcurrentBreaks: 3, ruleSet: 'support', shiftStart: 9 * 60, lunchMinutes: 60 },
  [L2]: { maxConcurrentBreaks: 2, ruleSet: 'support', shiftStart: 10 * 60, lunchMinutes: 60 },
  [BILLING]: { maxConcurrentBreaks: 2, ruleSet: 'billing', shiftStart: 9 * 60, lunchMinutes: 45 },
};

const SHIFT_MINUTES = 9 * 60;

export const DEMO_STATUSES: readonly Status[] = [
  { code: 'work', label_ru: 'Работа', label_en: 'Working', kind: 'work', counts_as_work: true, color: '#34a853' },
  { code: 'break', label_ru: 'Перерыв', label_en: 'Break', kind: 'break', counts_as_work: false, color: '#fbbc04' },
  { code: 'lunch', label_ru: 'Обед', label_en: 'Lunch', kind: 'lunch', counts_as_work: false, color: '#ff6d01' },
  { code: 'meeting', label_ru: 'Совещание', label_en: 'Meeting', kind: 'meeting', counts_as_work: true, color: '#4285f4' },
  { code: 'training', label_ru: 'Обучение', label_en: 'Training', kind: 'training', counts_as_work: true, color: '#a142f4' },
  { code: 'offline', label_ru: 'Не в сети', label_en: 'Offline', kind: 'offline', counts_as_work: false, color: '#9aa0a6' },
];

const rule = (rule_set: string, status: string, max_per_shift: number, max_minutes: number, grace: number, tolerance: number, gap: number | null): Rule => ({
  rule_set,
  status,
  max_per_shift,
  max_minutes,
  grace_minutes: grace,
  window_tolerance_minutes: tolerance,
  min_gap_minutes: gap,
});

// The work row carries the shift's own grace: late start, early leave and a forgotten session.
const shiftRule = (rule_set: string, grace: number, tolerance: number): Rule => ({
  rule_set, status: 'work', max_per_shift: null, max_minutes: null, grace_minutes: grace, window_tolerance_minutes: tolerance, min_gap_minutes: null,
});

export const DEMO_RULES: readonly Rule[] = [
  shiftRule('support', 5, 5),
  shiftRule('billing', 5, 5),
  rule('support', 'break', 2, 15, 2, 15, 60),
  rule('support', 'lunch', 1, 60, 5, 30, null),
  rule('billing', 'break', 2, 15, 3, 20, 90),
  rule('billing', 'lunch', 1, 45, 5, 30, null),
];

/** Demo lead chats are -1001000000001, -1001000000002, ... (Telegram group ids are negative). */
export const DEMO_LEAD_CHAT_BASE = -1001000000001;

export function demoTeam(today: string, o: DemoOptions = {}): DemoTeam {
  const adminEmail = (o.adminEmail ?? DEMO_ADMIN_EMAIL).trim().toLowerCase();
  const employees: Employee[] = PEOPLE.map((person, i) => ({
    id: `e${String(i + 1).padStart(3, '0')}`,
    email: person.role === 'admin' ? adminEmail : person.email,
    name: person.name,
    group: person.group,
    role: person.role,
    timezone: '',
    telegram_chat_id: '',
    token_version: 0,
    active: person.active !== false,
  }));
  const groups: Group[] = Object.entries(GROUPS).map(([name, plan], i) => ({
    name,
    lead_emails: employees.filter((e) => e.group === name && e.role === 'lead').map((e) => e.email),
    // Placeholder lead chats, so alerts have somewhere to go locally (they show at /_dev/pushes); with a real
    // bot, add it to the group's chat and put the id it posts here (docs/bot.md).
    telegram_chat_id: String(DEMO_LEAD_CHAT_BASE - i),
    max_concurrent_breaks: plan.maxConcurrentBreaks,
    rule_set: plan.ruleSet,
  }));
  const shifts: Shift[] = [];
  const days = o.days ?? 7;
  for (let d = 0; d < days; d++) {
    const date = addDays(today, d);
    employees.forEach((e, i) => {
      // Two days off a week, on different days for different people; the demo employee works today.
      if (!e.active || (d + i) % 7 >= 5) return;
      shifts.push(shiftOf(date, e, i));
    });
  }
  return { groups, employees, statuses: [...DEMO_STATUSES], rules: [...DEMO_RULES], shifts };
}

/** Breaks two and seven hours in, lunch around the middle; staggered by person so the floor is never empty. */
function shiftOf(date: string, e: Employee, index: number): Shift {
  const plan = GROUPS[e.group];
  const start = plan.shiftStart;
  const breakShift = (index % 4) * 15;
  const lunchShift = ((index % 3) - 1) * 60;
  const breaks: PlannedBreakRow[] = [
    { status: 'break', start: hhmm(start + 120 + breakShift), minutes: 15 },
    { status: 'lunch', start: hhmm(start + 240 + lunchShift), minutes: plan.lunchMinutes },
    { status: 'break', start: hhmm(start + 420 + breakShift), minutes: 15 },
  ];
  return { date, employee_id: e.id, shift_start: hhmm(start), shift_end: hhmm(start + SHIFT_MINUTES), breaks };
}

function hhmm(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

