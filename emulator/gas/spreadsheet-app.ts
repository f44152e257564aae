// The SpreadsheetApp global of an execution. Facades hold ids only; the 'sheets' host owns the workbooks.
// All writes are applied at once by the host, so flush() has nothing to do (it is still a counted call).
import type { FacadeContext } from '../runtime/contracts.ts';
import { MSG, type RangeRef, type SheetRef, type SpreadsheetInfo } from '../model/sheets-protocol.ts';
import { EmuSpreadsheet } from './spreadsheet/spreadsheet.ts';
import { EmuSheet } from './spreadsheet/sheet.ts';
import { EmuRange } from './spreadsheet/range.ts';
import { EmuUi } from './spreadsheet/ui.ts';
import { callSheets, gas, integerArg, signatureMismatch } from './spreadsheet/wire.ts';

type SpreadsheetApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** Executions with no spreadsheet in front of a user (web app, time-driven trigger) cannot use getUi. */
const NO_UI_KINDS = new Set(['web', 'trigger']);

export class EmuSpreadsheetApp
  implements Pick<SpreadsheetApp, 'getActiveSpreadsheet' | 'getActive' | 'getActiveSheet' | 'getActiveRange' | 'openById' | 'create' | 'flush' | 'getUi'>
{
  constructor(private readonly ctx: FacadeContext) {}

  /** The bound spreadsheet; null for a script with none (exec.activeSpreadsheetId ''). */
  getActiveSpreadsheet(): Spreadsheet {
    this.ctx.meter.count('SpreadsheetApp.getActiveSpreadsheet');
    return this.active();
  }

  getActive(): Spreadsheet {
    this.ctx.meter.count('SpreadsheetApp.getActive');
    return this.active();
  }

  /** The active spreadsheet's active sheet (Spreadsheet.getActiveSheet); null for a script with no spreadsheet. */
  getActiveSheet(): Sheet {
    this.ctx.meter.count('SpreadsheetApp.getActiveSheet');
    const id = this.ctx.exec.activeSpreadsheetId;
    if (!id) return null as unknown as Sheet;
    const { sheet } = callSheets<{ sheet: SheetRef }>(this.ctx, 'active', id);
    return gas(new EmuSheet(this.ctx, id, sheet.id));
  }

  /**
   * reference/spreadsheet/spreadsheet-app#getActiveRange: "the selected range in the active sheet, or null if
   * there is no active range". An open spreadsheet always has one (at least the cursor cell), so with nothing
   * selected this is A1 of the active sheet, never null; null only for a script with no spreadsheet.
   */
  getActiveRange(): Range {
    this.ctx.meter.count('SpreadsheetApp.getActiveRange');
    const id = this.ctx.exec.activeSpreadsheetId;
    if (!id) return null as unknown as Range;
    return gas(new EmuRange(this.ctx, callSheets<{ range: RangeRef }>(this.ctx, 'active', id).range));
  }

  openById(id: string): Spreadsheet {
    this.ctx.meter.count('SpreadsheetApp.openById');
    if (typeof id !== 'string') signatureMismatch(this.ctx, [id], 'SpreadsheetApp.openById');
    const info = callSheets<SpreadsheetInfo>(this.ctx, 'open', id);
    return gas(new EmuSpreadsheet(this.ctx, info.id));
  }

  /** create(name[, rows, columns]): a new spreadsheet whose first sheet has that grid size. */
  create(name: string, rows?: number, columns?: number): Spreadsheet {
    this.ctx.meter.count('SpreadsheetApp.create');
    const args = [name, rows, columns].filter((x) => x !== undefined);
    if (typeof name !== 'string' || (rows === undefined) !== (columns === undefined)) signatureMismatch(this.ctx, args, 'SpreadsheetApp.create');
    const r = rows === undefined ? undefined : integerArg(this.ctx, rows, args, 'SpreadsheetApp.create');
    const c = columns === undefined ? undefined : integerArg(this.ctx, columns, args, 'SpreadsheetApp.create');
    if (r !== undefined && r < 1) this.ctx.fail(MSG.rowsTooFew);
    if (c !== undefined && c < 1) this.ctx.fail(MSG.columnsTooFew);
    const info = callSheets<SpreadsheetInfo>(this.ctx, 'create', name, r, c);
    return gas(new EmuSpreadsheet(this.ctx, info.id));
  }

  flush(): void {
    this.ctx.meter.count('SpreadsheetApp.flush');
  }

  getUi(): GoogleAppsScript.Base.Ui {
    this.ctx.meter.count('SpreadsheetApp.getUi');
    if (NO_UI_KINDS.has(this.ctx.exec.kind) || !this.ctx.exec.activeSpreadsheetId) this.ctx.fail(MSG.getUiContext);
    return gas(new EmuUi(this.ctx, this.ctx.exec.activeSpreadsheetId));
  }

  private active(): Spreadsheet {
    const id = this.ctx.exec.activeSpreadsheetId;
    return id ? gas(new EmuSpreadsheet(this.ctx, id)) : (null as unknown as Spreadsheet);
  }
}

export function createSpreadsheetApp(ctx: FacadeContext): GoogleAppsScript.Spreadsheet.SpreadsheetApp {
  return gas(new EmuSpreadsheetApp(ctx));
}
