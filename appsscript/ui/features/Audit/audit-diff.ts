// What an Audit row changed, as lines a person reads: "max_minutes: 15 → 20", "name: Anna" (added), a rule
// of "lunch" removed. `before` and `after` are whatever the write recorded (a record, a set's rules, the
// records of an import, null for an add): objects are walked into by field, lists of records are matched by
// their key (status, id, email, code, name) rather than their position, so one rule changed in a set is one
// line and not every rule after it. Pure: the screen formats the values in its language.

export type Change = 'added' | 'removed' | 'changed';

export interface DiffLine {
  /** Where, dotted: `max_minutes`, `lunch.grace_minutes`, `secrets.BOT_SHARED_SECRET`; '' for the value itself. */
  path: string;
  change: Change;
  before?: unknown;
  after?: unknown;
}

/** Fields that name a record in a list, in the order they are tried. */
const KEYS = ['status', 'id', 'email', 'code', 'name', 'rule_set'] as const;

type Plain = string | number | boolean | null;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPlain(v: unknown): v is Plain {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

/** A list of records keyed by the first field every one of them has, distinct; null when there is none. */
function keyed(list: readonly unknown[]): Map<string, unknown> | null {
  if (list.length === 0 || !list.every(isRecord)) return null;
  for (const key of KEYS) {
    const names = list.map((r) => (r as Record<string, unknown>)[key]);
    if (names.every((n) => typeof n === 'string' && n !== '') && new Set(names).size === names.length) {
      return new Map(list.map((r, i) => [names[i] as string, r]));
    }
  }
  return null;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function auditDiff(before: unknown, after: unknown, path = ''): DiffLine[] {
  if (same(before, after)) return [];
  const had = before !== null && before !== undefined;
  const has = after !== null && after !== undefined;
  // An add or a removal of a whole record: its fields one by one read better than one long line.
  if (!had && isRecord(after)) return Object.entries(after).flatMap(([k, v]) => auditDiff(undefined, v, join(path, k)));
  if (!has && isRecord(before)) return Object.entries(before).flatMap(([k, v]) => auditDiff(v, undefined, join(path, k)));
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => auditDiff(before[k], after[k], join(path, k)));
  }
  if (Array.isArray(before) || Array.isArray(after)) {
    const a = Array.isArray(before) ? before : [];
    const b = Array.isArray(after) ? after : [];
    const ka = keyed(a) ?? (a.length === 0 ? new Map() : null);
    const kb = keyed(b) ?? (b.length === 0 ? new Map() : null);
    if (ka && kb && (ka.size > 0 || kb.size > 0)) {
      const names = [...new Set([...ka.keys(), ...kb.keys()])];
      return names.flatMap((n): DiffLine[] => {
        if (!ka.has(n)) return [{ path: join(path, n), change: 'added', after: kb.get(n) }];
        if (!kb.has(n)) return [{ path: join(path, n), change: 'removed', before: ka.get(n) }];
        return auditDiff(ka.get(n), kb.get(n), join(path, n));
      });
    }
  }
  if (!had) return [{ path, change: 'added', after }];
  if (!has) return [{ path, change: 'removed', before }];
  return [{ path, change: 'changed', before, after }];
}

/** A value as text: a list of plain values joined, a record as "field: value, ...". */
export function valueText(v: unknown, yesNo: (b: boolean) => string): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'boolean') return yesNo(v);
  if (isPlain(v)) return String(v);
  if (Array.isArray(v)) return v.map((x) => valueText(x, yesNo)).join(', ');
  if (isRecord(v)) return Object.entries(v).map(([k, x]) => `${k}: ${valueText(x, yesNo) || '—'}`).join(', ');
  return String(v);
}

/**
 * A value's parts one level down, for showing it whole: a record's fields, a keyed list's records by their
 * key, or the value itself under ''.
 */
export function partsOf(v: unknown): Map<string, unknown> {
  if (v === null || v === undefined) return new Map();
  if (isRecord(v)) return new Map(Object.entries(v));
  if (Array.isArray(v)) return keyed(v) ?? new Map([['', v]]);
  return new Map([['', v]]);
}
