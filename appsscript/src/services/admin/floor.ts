// floor.now: the live floor of the groups the caller leads (every group for an admin), for the Floor sidebar
// and the big-screen board. It is asked again every refresh_s seconds by every open page, so it reads as
// little as a request can: Current, Settings (the refresh interval) and the Neutral tab, three sheet calls,
// and the reference data from the cache; never Log or Violations (services/floor-board.ts).
import type { AdminParsed, AdminReplies } from '../../../../common/admin-api.ts';
import { BadRequest, Forbidden } from '../../errors.ts';
import { floorBoard } from '../floor-board.ts';
import type { AdminDeps } from './deps.ts';
import { mayManage, viewerOf } from './people.ts';

export const FLOOR_REFRESH_KEY = 'floor_refresh_seconds';
export const DEFAULT_FLOOR_REFRESH_S = 30;
/** Below this, forty open boards would keep the script busy for nothing: the data does not change that fast. */
export const MIN_FLOOR_REFRESH_S = 15;

export function floorNow(deps: AdminDeps, req: AdminParsed<'floor.now'>): AdminReplies['floor.now'] {
  const reference = deps.reference();
  if (req.group !== undefined) {
    if (!reference.groups.some((g) => g.name === req.group)) {
      throw new BadRequest(`There is no group ${req.group}`, `Нет группы ${req.group}`, { fields: [{ field: 'group', message: `no group "${req.group}" / нет группы «${req.group}»` }] });
    }
    if (!mayManage(deps, req.group)) throw new Forbidden(`You do not lead the group ${req.group}`, `Вы не руководите группой ${req.group}`, { field: 'group' });
  }
  const groups = req.group !== undefined ? [req.group] : reference.groups.map((g) => g.name).filter((g) => mayManage(deps, g));
  const tables = deps.tables();
  const currents = tables.currentStates();
  const refresh = refreshSeconds(tables.settings());
  const board = floorBoard({ ...deps.calendarFns(), now: deps.now, reference, neutral: deps.neutral() }, currents, groups);
  return {
    at: deps.now,
    time_zone: tables.timeZone,
    refresh_s: refresh,
    rows: board.rows,
    groups: board.groups,
    statuses: reference.statuses.map((s) => ({ code: s.code, label_ru: s.label_ru, label_en: s.label_en, kind: s.kind, color: s.color })),
    viewer: viewerOf(deps),
  };
}

/** Settings floor_refresh_seconds: 30 when blank or unreadable, never under 15. */
export function refreshSeconds(settings: ReadonlyMap<string, string>): number {
  const raw = (settings.get(FLOOR_REFRESH_KEY) ?? '').trim();
  const n = raw === '' ? NaN : Number(raw);
  if (!Number.isFinite(n)) return DEFAULT_FLOOR_REFRESH_S;
  return Math.max(MIN_FLOOR_REFRESH_S, Math.round(n));
}
