// Setup: makes the workbook match schema.ts. Creates missing tabs, upgrades older ones in place through the
// migrations, adopts tabs that have the right header but no recorded version, trims surplus columns, and
// records every tab's version in Settings ("schema.<Tab>" = N). It first decides everything and only then
// changes anything, so a tab it cannot upgrade stops it before a single cell is touched. Running it again
// finds nothing to do.
// It also keeps the names column beside Current, Violations and Daily (store/names-column.ts): added when
// missing and the column where it goes is empty, rewritten when an older formula is found, and put back
// right of the script's columns after an upgrade has written its new columns over it.
import { TABS, TAB_ORDER, type TabName } from '../store/schema.ts';
import type { Cell, SheetPort, TabShape } from '../store/port.ts';
import { preserveCell, textCell } from '../store/cells.ts';
import { SetupRefused } from '../store/errors.ts';
import { headerNames, sameHeader } from '../store/records.ts';
import { columnsOf, migrateRows, migrationPath, versionsWithHeader } from '../store/migrations.ts';
import { readSettingsSnapshot, settingsMap, writeSettings, type SettingsSnapshot } from '../store/settings.ts';
import { NAMES_HEADER, isCurrentNamesFormula, isNamesFormula, isNamesTab, namesColumn, namesFormula } from '../store/names-column.ts';
import { STAMP_COLUMN, isScheduleIndexHeader } from '../store/schedule-rows.ts';
import { encodeRecord } from '../store/records.ts';
import { notifyRuleRecord } from '../store/notify-rules.ts';
import { DEFAULT_NOTIFY_RULES, FIRST_DEFAULT_RULE_IDS } from '../../../common/notify-rules.ts';

/**
 * How wide a tab's grid is kept: its columns, and for the Schedule the two cells right of its header that
 * hold its row index and the mark of the last hand edit (store/schedule-rows.ts), so that keeping them
 * never has to grow the grid.
 */
function gridWidth(tab: TabName): number {
  return tab === 'Schedule' ? STAMP_COLUMN : TABS[tab].columns.length;
}

export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';

export interface SetupReport {
  created: string[];
  migrated: { tab: string; from: number; to: number; rows: number }[];
  /** Tabs whose header was right but whose version was not recorded (or recorded wrongly). */
  adopted: { tab: string; version: number }[];
  /** Tabs whose empty surplus columns were deleted. */
  tidied: { tab: string; columnsRemoved: number }[];
  /** Names columns put in (`added`), put back right of new columns (`moved`), or given the current formula. */
  names: { tab: string; column: number; change: 'added' | 'moved' | 'updated' }[];
  /** Tabs left without a names column: the column where it goes holds something of the admin's. */
  namesBlocked: { tab: string; column: number }[];
  ok: string[];
  nothingToDo: boolean;
  /** Default notification rules added to a Notify tab made before them (the service alerts'); absent: none. */
  notifyRulesAdded?: string[];
}

/** Where a tab's names formula is now (1-based column), if it has one right of the script's columns. */
type NamesFound = { column: number; current: boolean } | null;

type Step =
  | { tab: TabName; kind: 'create' }
  | { tab: TabName; kind: 'initialise' } // the tab exists but is completely empty
  | { tab: TabName; kind: 'migrate'; from: number; shape: TabShape; adopted: boolean; names: NamesFound }
  | { tab: TabName; kind: 'keep'; version: number; adopted: boolean; shape: TabShape; names: NamesFound };

export function versionKey(tab: string): string {
  return `schema.${tab}`;
}

export function setup(port: SheetPort): SetupReport {
  const shapes = new Map(TAB_ORDER.map((tab) => [tab, port.shape(TABS[tab].name)] as const));
  // Recorded versions can only be read from a Settings tab that has its header; plan() judges it like any tab.
  const settingsShape = shapes.get('Settings');
  const settings = settingsShape && sameHeader(settingsShape.header, headerNames(TABS.Settings)) ? readSettingsSnapshot(port) : null;
  const steps = plan(shapes, settings ? settingsMap(settings) : new Map(), (tab, width) => port.headerFormulas(tab, width));
  return apply(port, steps, settings);
}

/** The names formula right of a version's `width` columns, if any (row 1's formulas are read only then). */
function findNames(tab: TabName, shape: TabShape, width: number, formulasOf: (tab: string, width: number) => string[]): NamesFound {
  if (!isNamesTab(tab) || shape.lastColumn <= width) return null;
  const formulas = formulasOf(TABS[tab].name, shape.lastColumn);
  for (let i = width; i < formulas.length; i++) {
    if (isNamesFormula(formulas[i])) return { column: i + 1, current: isCurrentNamesFormula(tab, formulas[i]) };
  }
  return null;
}

function plan(shapes: Map<TabName, TabShape | null>, recorded: Map<string, string>, formulasOf: (tab: string, width: number) => string[]): Step[] {
  return TAB_ORDER.map((tab): Step => {
    const shape = shapes.get(tab) ?? null;
    if (!shape) return { tab, kind: 'create' };
    if (shape.lastRow === 0 && shape.lastColumn === 0) return { tab, kind: 'initialise' };
    const candidates = versionsWithHeader(tab, shape.header);
    if (candidates.length === 0) {
      return refuse(
        tab,
        `its header [${shape.header.join(', ')}] is not any known version of this tab (expected [${headerNames(TABS[tab]).join(', ')}]); restore the header row`,
        `её заголовок [${shape.header.join(', ')}] не совпадает ни с одной известной версией (ожидается [${headerNames(TABS[tab]).join(', ')}]); восстановите строку заголовков`,
      );
    }
    const saved = Number(recorded.get(versionKey(tab)));
    // The header is the truth (a run stopped after migrating but before recording leaves them apart); the
    // recorded number only decides between versions that share a header.
    const version = candidates.includes(saved) ? saved : candidates[0];
    const adopted = version !== saved;
    const width = columnsOf(tab, version).length;
    const names = findNames(tab, shape, width, formulasOf);
    if (version === TABS[tab].version) return { tab, kind: 'keep', version, adopted, shape, names };
    if (!migrationPath(tab, version)) {
      return refuse(tab, `there is no migration from version ${version} to ${TABS[tab].version}`, `нет миграции с версии ${version} на ${TABS[tab].version}`);
    }
    // The upgrade rewrites the tab as wide as the new version: anything right of the old columns would be
    // overwritten, so it has to be moved first. The names column alone holds nothing to lose (its header
    // reads as its own text when nothing blocks its spill) and is put back afterwards.
    const onlyNames = names !== null && names.column === width + 1 && shape.lastColumn === width + 1 && shape.header[width] === NAMES_HEADER;
    // The Schedule's index and edit mark (right of the current version's columns) are the script's own.
    const onlyIndex = tab === 'Schedule' && shape.lastColumn <= STAMP_COLUMN && isScheduleIndexHeader(shape.header.slice(width));
    if (shape.lastColumn > width && !onlyNames && !onlyIndex) {
      return refuse(
        tab,
        `column ${shape.lastColumn} holds data to the right of the version ${version} columns; move it elsewhere before upgrading`,
        `в столбце ${shape.lastColumn} есть данные правее столбцов версии ${version}; перенесите их перед обновлением`,
      );
    }
    return { tab, kind: 'migrate', from: version, shape, adopted, names };
  });
}

function refuse(tab: string, english: string, russian: string): never {
  throw new SetupRefused(tab, english, russian);
}

function apply(port: SheetPort, steps: Step[], settings: SettingsSnapshot | null): SetupReport {
  const report: SetupReport = { created: [], migrated: [], adopted: [], tidied: [], names: [], namesBlocked: [], ok: [], nothingToDo: false };
  const seeded = new Map<string, string>();
  for (const step of steps) {
    const spec = TABS[step.tab];
    const width = spec.columns.length;
    switch (step.kind) {
      case 'create':
        port.createTab(spec.name, headerNames(spec));
        seedDefaults(port, step.tab, seeded);
        shapeNewTab(port, step.tab);
        addNames(port, step.tab, 'added', report);
        report.created.push(spec.name);
        break;
      case 'initialise':
        port.writeRows(spec.name, 1, [headerNames(spec).map(textCell)]);
        seedDefaults(port, step.tab, seeded);
        shapeNewTab(port, step.tab);
        addNames(port, step.tab, 'added', report);
        report.created.push(spec.name);
        break;
      case 'migrate': {
        const rows = migrate(port, step.tab, step.from, step.shape);
        // The new columns were written over the names formula when it stood where they now are.
        const kept = step.names !== null && step.names.column > width ? step.names : null;
        if (kept) keepNames(port, step.tab, kept, report);
        shapeNewTab(port, step.tab);
        if (!kept) addNames(port, step.tab, step.names ? 'moved' : 'added', report);
        report.migrated.push({ tab: spec.name, from: step.from, to: spec.version, rows });
        break;
      }
      case 'keep': {
        // Created by a Setup cut before it recorded the version: its defaults may not have been written.
        if (step.adopted && step.shape.lastRow <= 1) seedDefaults(port, step.tab, seeded);
        else if (step.tab === 'Notify') seedNewDefaults(port, settings ? settingsMap(settings) : new Map(), seeded, report);
        const removed = port.fitColumns(spec.name, gridWidth(step.tab));
        if (removed > 0) report.tidied.push({ tab: spec.name, columnsRemoved: removed });
        if (step.names) keepNames(port, step.tab, step.names, report);
        // Only into an empty column: a column of the admin's is never written over.
        else if (step.shape.lastColumn <= width) addNames(port, step.tab, 'added', report);
        else if (isNamesTab(step.tab)) report.namesBlocked.push({ tab: spec.name, column: width + 1 });
        if (step.adopted) report.adopted.push({ tab: spec.name, version: step.version });
        else report.ok.push(spec.name);
        break;
      }
    }
  }
  const versions = new Map(TAB_ORDER.map((tab) => [versionKey(tab), String(TABS[tab].version)] as const));
  seeded.forEach((v, k) => versions.set(k, v));
  writeSettings(port, settings ?? readSettingsSnapshot(port), versions);
  report.nothingToDo = !report.created.length && !report.migrated.length && !report.adopted.length && !report.tidied.length && !report.names.length && !report.notifyRulesAdded;
  return report;
}

/**
 * The rows a new tab starts with: the Notify tab gets the default rules, the alerts that were fixed in code
 * before the rules existed, so a workbook upgraded to the rules alerts exactly as before. One write.
 */
function seedDefaults(port: SheetPort, tab: TabName, seeded: Map<string, string>): void {
  if (tab !== 'Notify') return;
  port.writeRows(TABS.Notify.name, 2, DEFAULT_NOTIFY_RULES.map((r) => encodeRecord(TABS.Notify, notifyRuleRecord(r))));
  seeded.set(NOTIFY_SEEDED_KEY, JSON.stringify(DEFAULT_NOTIFY_RULES.map((r) => r.id)));
}

/** Settings key: the ids of the default rules this workbook's Notify tab was given (JSON list). */
export const NOTIFY_SEEDED_KEY = 'notify.seeded';

/**
 * A Notify tab made before some defaults existed (the service alerts') gets those appended once, so every
 * workbook has them on. A default the tab was given once and an admin deleted is not put back (the ids given
 * are kept in Settings); one already in the tab (by id: typed by hand, or a run cut before the note) is not
 * written twice.
 */
function seedNewDefaults(port: SheetPort, recorded: ReadonlyMap<string, string>, seeded: Map<string, string>, report: SetupReport): void {
  let given: string[];
  try {
    const v = JSON.parse(recorded.get(NOTIFY_SEEDED_KEY) ?? 'null') as unknown;
    given = Array.isArray(v) ? v.map(String) : [...FIRST_DEFAULT_RULE_IDS];
  } catch {
    given = [...FIRST_DEFAULT_RULE_IDS];
  }
  const missing = DEFAULT_NOTIFY_RULES.filter((r) => !given.includes(r.id));
  if (missing.length === 0) return;
  const name = TABS.Notify.name;
  const last = port.lastRow(name);
  const ids = new Set(last > 1 ? port.readRows(name, 2, last - 1, 1).map((r) => String(r[0] ?? '').trim()) : []);
  const add = missing.filter((r) => !ids.has(r.id));
  if (add.length > 0) {
    port.writeRows(name, last + 1, add.map((r) => encodeRecord(TABS.Notify, notifyRuleRecord(r))));
    report.notifyRulesAdded = add.map((r) => r.id);
  }
  seeded.set(NOTIFY_SEEDED_KEY, JSON.stringify([...new Set([...given, ...DEFAULT_NOTIFY_RULES.map((r) => r.id)])]));
}

function addNames(port: SheetPort, tab: TabName, change: 'added' | 'moved', report: SetupReport): void {
  if (!isNamesTab(tab)) return;
  const column = namesColumn(tab);
  port.setFormulaAt(TABS[tab].name, 1, column, namesFormula(tab));
  report.names.push({ tab: TABS[tab].name, column, change });
}

/** A names formula found in place stays there; an older one gets the current text. */
function keepNames(port: SheetPort, tab: TabName, found: NonNullable<NamesFound>, report: SetupReport): void {
  if (!isNamesTab(tab) || found.current) return;
  port.setFormulaAt(TABS[tab].name, 1, found.column, namesFormula(tab));
  report.names.push({ tab: TABS[tab].name, column: found.column, change: 'updated' });
}

/** Header frozen, exactly as wide as the header, instants shown as date and time. */
function shapeNewTab(port: SheetPort, tab: TabName): void {
  const spec = TABS[tab];
  port.setFrozenRows(spec.name, 1);
  port.fitColumns(spec.name, gridWidth(tab));
  spec.columns.forEach((col, i) => {
    if (col.type === 'datetime') port.setColumnFormat(spec.name, i + 1, DATETIME_FORMAT);
  });
}

/** Rewrites header and rows in one write; returns the number of data rows carried over. */
function migrate(port: SheetPort, tab: TabName, from: number, shape: TabShape): number {
  const spec = TABS[tab];
  const oldWidth = columnsOf(tab, from).length;
  const rows = port.readRows(spec.name, 2, Math.max(0, shape.lastRow - 1), oldWidth);
  const upgraded = migrateRows(tab, from, rows);
  const block: Cell[][] = [headerNames(spec).map(textCell), ...upgraded.map((r) => r.map(preserveCell))];
  port.writeRows(spec.name, 1, block);
  return upgraded.length;
}
