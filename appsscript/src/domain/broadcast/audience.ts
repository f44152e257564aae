// Who a broadcast reaches: the audience resolved against Employees, per channel, with each person's language.
// Pure: the caller gives the people, whether the caller may reach a group, and whose shift runs now.
//
// A lead reaches the people of the groups they lead and no one else: "everyone" and "on shift now" are
// silently narrowed to those groups (the lead's "everyone"), while a group or a person named outside them is
// refused, so a lead never learns that a broadcast skipped someone they asked for.
import type { BroadcastAudience, BroadcastChannel } from '../../../../common/admin-api.ts';
import type { Employee } from '../model.ts';
import { languageOf, type Lang } from '../alerts.ts';

export interface AudienceFacts {
  employees: readonly Employee[];
  /** The groups that exist. */
  groups: readonly string[];
  /** Whether the caller may reach the people of this group. */
  mayReach(group: string): boolean;
  /** Whether this person's shift runs now (today's, or last night's still going). */
  onShiftNow(e: Employee): boolean;
}

/** What is wrong with an audience, as a form names it (`audience.emails[2]`). */
export interface AudienceProblem {
  field: string;
  message: string;
  /** forbidden: outside the caller's groups; else the audience names nothing that exists. */
  kind: 'unknown' | 'forbidden';
}

export interface Recipient {
  employee: Employee;
  lang: Lang;
}

export interface Unreachable {
  employee: Employee;
  channel: BroadcastChannel;
  reason: string;
}

export interface ResolvedAudience {
  people: Recipient[];
  /** Per channel, the people it reaches, in Employees order. */
  reach: Record<BroadcastChannel, Recipient[]>;
  unreachable: Unreachable[];
  problems: AudienceProblem[];
}

export const NO_TELEGRAM = 'no Telegram chat linked / Telegram не привязан';
export const NO_EMAIL = 'no e-mail address / нет адреса почты';

export function resolveAudience(audience: BroadcastAudience, channels: readonly BroadcastChannel[], facts: AudienceFacts): ResolvedAudience {
  const problems: AudienceProblem[] = [];
  const active = facts.employees.filter((e) => e.active);
  let chosen: Employee[];
  if ('all' in audience) chosen = active.filter((e) => facts.mayReach(e.group));
  else if ('on_shift' in audience) chosen = active.filter((e) => facts.mayReach(e.group) && facts.onShiftNow(e));
  else if ('groups' in audience) {
    const asked = new Set<string>();
    audience.groups.forEach((g, i) => {
      const field = `audience.groups[${i}]`;
      if (!facts.groups.includes(g)) problems.push({ field, kind: 'unknown', message: `There is no group ${g} / Нет группы ${g}` });
      else if (!facts.mayReach(g)) problems.push({ field, kind: 'forbidden', message: `You do not lead the group ${g} / Вы не руководите группой ${g}` });
      else asked.add(g);
    });
    chosen = active.filter((e) => asked.has(e.group));
  } else {
    const byEmail = new Map(facts.employees.map((e) => [e.email, e]));
    const asked = new Set<string>();
    audience.emails.forEach((raw, i) => {
      const email = raw.trim().toLowerCase();
      const field = `audience.emails[${i}]`;
      const e = byEmail.get(email);
      if (!e) problems.push({ field, kind: 'unknown', message: `No one has the e-mail ${email} / Ни у кого нет адреса ${email}` });
      else if (!facts.mayReach(e.group)) problems.push({ field, kind: 'forbidden', message: `${e.name} is not in a group you lead / ${e.name} не из вашей группы` });
      else if (!e.active) problems.push({ field, kind: 'unknown', message: `${e.name} is not active / ${e.name} не активен(на)` });
      else asked.add(e.id);
    });
    chosen = active.filter((e) => asked.has(e.id));
  }

  const people = chosen.map((employee) => ({ employee, lang: languageOf(employee.name) }));
  const reach: Record<BroadcastChannel, Recipient[]> = { telegram: [], email: [] };
  const unreachable: Unreachable[] = [];
  for (const p of people) {
    for (const channel of channels) {
      const address = channel === 'telegram' ? p.employee.telegram_chat_id.trim() : p.employee.email.trim();
      if (address !== '') reach[channel].push(p);
      else unreachable.push({ employee: p.employee, channel, reason: channel === 'telegram' ? NO_TELEGRAM : NO_EMAIL });
    }
  }
  return { people, reach, unreachable, problems };
}

/** The language a person reads: theirs when it was written, else the other one. */
export function languageRead(lang: Lang, texts: { text_ru: string; text_en: string }): Lang {
  const written = lang === 'ru' ? texts.text_ru !== '' : texts.text_en !== '';
  return written ? lang : lang === 'ru' ? 'en' : 'ru';
}

/** The text a person gets: their language's, or the other one when only that was written. */
export function textFor(lang: Lang, texts: { text_ru: string; text_en: string }): string {
  return languageRead(lang, texts) === 'ru' ? texts.text_ru : texts.text_en;
}
