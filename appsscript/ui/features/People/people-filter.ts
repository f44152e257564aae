// The People list's filters: which people a choice of group, role, active and Telegram leaves in.
import type { PersonRecord } from '../../../../common/admin-api.ts';
import type { Role } from '../../../../common/status.ts';

export interface PeopleFilters {
  /** '' = any. */
  group: string;
  role: Role | '';
  active: 'active' | 'inactive' | '';
  telegram: 'linked' | 'unlinked' | '';
}

export const NO_FILTERS: PeopleFilters = { group: '', role: '', active: '', telegram: '' };

export function filtersOn(f: PeopleFilters): number {
  return Object.values(f).filter((v) => v !== '').length;
}

/** The predicate of the filters; null when none is set (the table then skips filtering). */
export function personFilter(f: PeopleFilters): ((p: PersonRecord) => boolean) | null {
  if (filtersOn(f) === 0) return null;
  return (p) =>
    (f.group === '' || p.group === f.group) &&
    (f.role === '' || p.role === f.role) &&
    (f.active === '' || p.active === (f.active === 'active')) &&
    (f.telegram === '' || (p.telegram_chat_id !== '') === (f.telegram === 'linked'));
}
