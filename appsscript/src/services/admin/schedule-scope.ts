// Which groups a schedule op works on: the one asked for, else every group the caller may manage (an admin
// all, a lead the groups they lead); and the Audit's summary of a change to many cells, kept far below the
// size of a cell however many days change.
import { BadRequest, Forbidden } from '../../errors.ts';
import type { AdminDeps } from './deps.ts';
import { mayManage } from './people.ts';

export function scopeGroups(deps: AdminDeps, group: string | undefined): string[] {
  const all = deps.reference().groups.map((g) => g.name);
  if (group === undefined) return all.filter((g) => mayManage(deps, g));
  if (!all.includes(group)) {
    throw new BadRequest(`There is no group ${group}`, `Нет группы ${group}`, { fields: [{ field: 'group', message: `no group "${group}" / нет группы «${group}»` }] });
  }
  if (!mayManage(deps, group)) throw new Forbidden(`You do not lead the group ${group}`, `Вы не руководите группой ${group}`, { field: 'group' });
  return [group];
}

/** At most this many characters of cells listed in an Audit row; the rest is counted. */
const AUDIT_LIST_CHARS = 20_000;

/** `items` as written into the Audit, cut short (with how many more) when it would not fit a cell. */
export function auditList(items: readonly string[]): { cells: string[]; more?: number } {
  const cells: string[] = [];
  let size = 0;
  for (const item of items) {
    if (size + item.length + 3 > AUDIT_LIST_CHARS) return { cells, more: items.length - cells.length };
    cells.push(item);
    size += item.length + 3;
  }
  return { cells };
}
