// Who a row of the grid is: an exact e-mail, or the name in either order (case, ё/е and punctuation aside).
// Nothing looser ever matches by itself, a wrong match would give someone else's shifts; a Russian
// patronymic beside the name is the one exception (Employees keeps name and surname only). Anyone else is
// unknown, with the closest people listed for the admin to choose from (likeness.ts).
import type { RosterCandidate } from '../../../../common/admin-api.ts';
import { namesLikeness } from './likeness.ts';
import { cleanText, isEmailText, nameWords } from './text.ts';

export interface RosterEmployee {
  id: string;
  email: string;
  name: string;
  group: string;
  active: boolean;
}

export type Match = { employee: RosterEmployee; by: 'email' | 'name' } | { ambiguous: RosterEmployee[] } | null;

/** How many closest matches an unknown person gets, and the least likeness worth showing. */
export const CLOSEST = 3;
export const MIN_LIKENESS = 0.5;

const PATRONYMIC = /(ович|евич|ич|овна|евна|ична|инична)$/;

export class PeopleIndex {
  private readonly byEmail = new Map<string, RosterEmployee>();
  private readonly byName = new Map<string, RosterEmployee[]>();
  private readonly words: { employee: RosterEmployee; name: string[]; login: string[] }[];

  constructor(readonly employees: readonly RosterEmployee[]) {
    for (const e of employees) {
      this.byEmail.set(e.email.toLowerCase(), e);
      const key = nameKey(nameWords(e.name));
      this.byName.set(key, [...(this.byName.get(key) ?? []), e]);
    }
    this.words = employees.map((employee) => ({
      employee,
      name: nameWords(employee.name),
      // anna.ivanova@ -> anna, ivanova: an e-mail in the grid is compared with both.
      login: employee.email.split('@')[0].split(/[._-]+/).filter(Boolean),
    }));
  }

  /** The person the text names exactly, several when two share the name, or null. */
  exact(text: string): Match {
    const t = cleanText(text);
    if (isEmailText(t)) {
      const e = this.byEmail.get(t.toLowerCase());
      return e ? { employee: e, by: 'email' } : null;
    }
    const words = nameWords(t);
    if (words.length < 2) return null;
    let found = this.byName.get(nameKey(words)) ?? [];
    if (found.length === 0 && words.length === 3) {
      const rest = words.filter((w) => !PATRONYMIC.test(w));
      if (rest.length === 2) found = this.byName.get(nameKey(rest)) ?? [];
    }
    if (found.length === 1) return { employee: found[0], by: 'name' };
    return found.length > 1 ? { ambiguous: found } : null;
  }

  /** The closest people, best first (ties by name, then id), at least MIN_LIKENESS alike. */
  closest(text: string, n = CLOSEST): RosterCandidate[] {
    const t = cleanText(text);
    const grid = isEmailText(t) ? t.split('@')[0].split(/[._-]+/).map((w) => w.replace(/\d+/g, '')).filter(Boolean) : nameWords(t);
    return this.words
      .map(({ employee, name, login }) => ({ employee, score: Math.max(namesLikeness(grid, name), namesLikeness(grid, login)) }))
      .filter((x) => x.score >= MIN_LIKENESS)
      .sort((a, b) => b.score - a.score || byText(a.employee.name, b.employee.name) || byText(a.employee.id, b.employee.id))
      .slice(0, n)
      .map(({ employee, score }) => ({ employee_id: employee.id, name: employee.name, email: employee.email, group: employee.group, score: Math.round(score * 100) / 100 }));
  }
}

/** Code-unit order: the same everywhere, whatever locale the runtime has. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function nameKey(words: readonly string[]): string {
  return [...words].sort().join(' ');
}
