// Status kinds: what a status code means for measures and rules (Statuses tab, column kind).
export const STATUS_KINDS = ['work', 'break', 'lunch', 'meeting', 'training', 'offline'] as const;
export type StatusKind = (typeof STATUS_KINDS)[number];

/** The colour a status gets when its row leaves colour blank. */
export const DEFAULT_KIND_COLORS: Record<StatusKind, string> = {
  work: '#34a853',
  break: '#fbbc04',
  lunch: '#ff6d01',
  meeting: '#4285f4',
  training: '#a142f4',
  offline: '#9aa0a6',
};
/** Kinds that count as work time when counts_as_work is left blank. */
export const WORKING_KINDS: readonly StatusKind[] = ['work', 'meeting', 'training'];

/** Where an entry came from (Log column source). */
export const ENTRY_SOURCES = ['web', 'bot', 'admin', 'system'] as const;
export type EntrySource = (typeof ENTRY_SOURCES)[number];

export const ROLES = ['employee', 'lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A status as employees see it (from the Statuses tab). */
export interface StatusInfo {
  code: string;
  label_ru: string;
  label_en: string;
  kind: StatusKind;
  counts_as_work: boolean;
  /** CSS colour, e.g. #34a853 */
  color: string;
  /** No longer offered to choose (the console hides a status in use instead of removing it); labels stay. */
  hidden?: boolean;
}
