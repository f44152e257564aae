// Spreadsheet: one workbook, held as its id.
import type { FacadeContext } from '../../runtime/contracts.ts';
import type { RangeRef, SheetRef, SpreadsheetInfo } from '../../model/sheets-protocol.ts';
import { callSheets, gas, integerArg, signatureMismatch } from './wire.ts';
import { EmuSheet, sheetLocation } from './sheet.ts';
import { EmuRange } from './range.ts';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type InsertOptions = { template?: Sheet };

export class EmuSpreadsheet
  implements
    Pick<
      Spreadsheet,
      | 'getId'
      | 'getName'
      | 'rename'
      | 'getUrl'
      | 'getSpreadsheetTimeZone'
      | 'setSpreadsheetTimeZone'
      | 'getSheetByName'
      | 'getSheets'
      | 'insertSheet'
      | 'deleteSheet'
      | 'getSheetById'
      | 'toast'
      | 'getOwner'
      | 'getActiveSheet'
      | 'getActiveRange'
    >
{
  constructor(
    private readonly ctx: FacadeContext,
    private readonly id: string,
  ) {}

  private sheet(ref: SheetRef): Sheet {
    return gas(new EmuSheet(this.ctx, this.id, ref.id));
  }

  getId(): string {
    this.ctx.meter.count('Spreadsheet.getId');
    return this.id;
  }

  /**
   * reference/spreadsheet/spreadsheet#getOwner: "the owner of the document, or null for a document in a
   * shared drive". Locally every workbook belongs to the runtime's owner (the script's effective user).
   */
  getOwner(): GoogleAppsScript.Base.User {
    this.ctx.meter.count('Spreadsheet.getOwner');
    const email = this.ctx.exec.effectiveUser;
    return { getEmail: () => email } as unknown as GoogleAppsScript.Base.User;
  }

  getName(): string {
    this.ctx.meter.count('Spreadsheet.getName');
    return callSheets<SpreadsheetInfo>(this.ctx, 'open', this.id).name;
  }

  rename(newName: string): void {
    this.ctx.meter.count('Spreadsheet.rename');
    if (typeof newName !== 'string') signatureMismatch(this.ctx, [newName], 'SpreadsheetApp.Spreadsheet.rename');
    callSheets(this.ctx, 'rename', this.id, newName);
  }

  getUrl(): string {
    this.ctx.meter.count('Spreadsheet.getUrl');
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }

  getSpreadsheetTimeZone(): string {
    this.ctx.meter.count('Spreadsheet.getSpreadsheetTimeZone');
    return callSheets<SpreadsheetInfo>(this.ctx, 'open', this.id).timeZone;
  }

  /**
   * reference/spreadsheet/spreadsheet#setSpreadsheetTimeZone(timezone): "Sets the time zone for the
   * spreadsheet", given in "long" format (e.g. "America/New_York"). Date-time cells keep their wall-clock
   * reading, so the instants getValues hands back move with the zone (emulator/model/apply.ts).
   */
  setSpreadsheetTimeZone(timezone: string): void {
    this.ctx.meter.count('Spreadsheet.setSpreadsheetTimeZone');
    if (typeof timezone !== 'string') signatureMismatch(this.ctx, [timezone], 'SpreadsheetApp.Spreadsheet.setSpreadsheetTimeZone');
    callSheets(this.ctx, 'setTimeZone', this.id, timezone);
  }

  /** The leftmost sheet with that name, or null when there is none. */
  getSheetByName(name: string): Sheet | null {
    this.ctx.meter.count('Spreadsheet.getSheetByName');
    const ref = callSheets<SheetRef | null>(this.ctx, 'sheetByName', this.id, String(name));
    return ref ? this.sheet(ref) : null;
  }

  /**
   * reference/spreadsheet/spreadsheet#getActiveSheet: "the sheet that is being displayed in the spreadsheet
   * UI": the tab selected on the /admin page, else the first (host 'sheets' active()).
   */
  getActiveSheet(): Sheet {
    this.ctx.meter.count('Spreadsheet.getActiveSheet');
    return this.sheet(callSheets<{ sheet: SheetRef }>(this.ctx, 'active', this.id).sheet);
  }

  /** reference/spreadsheet/spreadsheet#getActiveRange: the selected range in the active sheet (A1 when none was made). */
  getActiveRange(): GoogleAppsScript.Spreadsheet.Range {
    this.ctx.meter.count('Spreadsheet.getActiveRange');
    return gas(new EmuRange(this.ctx, callSheets<{ range: RangeRef }>(this.ctx, 'active', this.id).range));
  }

  getSheetById(id: number): Sheet | null {
    this.ctx.meter.count('Spreadsheet.getSheetById');
    const ref = callSheets<SheetRef | null>(this.ctx, 'sheetById', this.id, Number(id));
    return ref ? this.sheet(ref) : null;
  }

  getSheets(): Sheet[] {
    this.ctx.meter.count('Spreadsheet.getSheets');
    return callSheets<SheetRef[]>(this.ctx, 'sheets', this.id).map((r) => this.sheet(r));
  }

  /**
   * insertSheet([sheetName][, sheetIndex][, options]): sheetIndex is 0-based; without it the sheet goes
   * after the last tab. Templates are not supported by the emulator.
   */
  insertSheet(a?: string | number | InsertOptions, b?: number | InsertOptions, c?: InsertOptions): Sheet {
    this.ctx.meter.count('Spreadsheet.insertSheet');
    const args = [a, b, c].filter((x) => x !== undefined);
    const method = 'SpreadsheetApp.Spreadsheet.insertSheet';
    let name: string | null = null;
    let index: number | null = null;
    let options: unknown;
    const rest = [...args];
    if (typeof rest[0] === 'string') name = rest.shift() as string;
    if (typeof rest[0] === 'number') index = integerArg(this.ctx, rest.shift(), args, method);
    if (rest.length && typeof rest[0] === 'object' && rest[0] !== null) options = rest.shift();
    if (rest.length) signatureMismatch(this.ctx, args, method);
    if (options && (options as InsertOptions).template) this.ctx.fail('insertSheet with a template is not supported by the emulator.');
    return this.sheet(callSheets<SheetRef>(this.ctx, 'insertSheet', this.id, name, index));
  }

  deleteSheet(sheet: Sheet): void {
    this.ctx.meter.count('Spreadsheet.deleteSheet');
    const loc = sheetLocation(sheet);
    if (!loc || loc.ss !== this.id) signatureMismatch(this.ctx, [sheet], 'SpreadsheetApp.Spreadsheet.deleteSheet');
    callSheets(this.ctx, 'deleteSheet', this.id, loc.sheet);
  }

  /** Shown in the spreadsheet's corner; here recorded by the 'ui' host for the admin page. */
  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this.ctx.meter.count('Spreadsheet.toast');
    this.ctx.port.call('ui', 'toast', [this.id, String(msg), title === undefined ? '' : String(title), timeoutSeconds ?? null]);
  }
}
