// TextFinder (developers.google.com/apps-script/reference/spreadsheet/text-finder), as Range.createTextFinder
// makes it: the options are kept in the facade, and findAll is ONE host call that searches the cells'
// displayed values and returns the matching cells (no cell values travel back, so it reads no cells).
// Only what the product needs: matchCase, matchEntireCell and findAll.
import type { FacadeContext } from '../../runtime/contracts.ts';
import type { RangeRef } from '../../model/sheets-protocol.ts';
import { callSheets, gas, signatureMismatch } from './wire.ts';
import { EmuRange } from './range.ts';

type TextFinder = GoogleAppsScript.Spreadsheet.TextFinder;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** What the host's findText takes besides the range and the text. */
export interface FindOptions {
  /** Default false: "the search defaults to case-insensitive matching". */
  matchCase: boolean;
  /** Default false: "the search defaults to partial matching". */
  entireCell: boolean;
}

export class EmuTextFinder implements Pick<TextFinder, 'matchCase' | 'matchEntireCell' | 'findAll'> {
  private readonly options: FindOptions = { matchCase: false, entireCell: false };

  constructor(
    private readonly ctx: FacadeContext,
    private readonly ref: RangeRef,
    private readonly text: string,
  ) {}

  matchCase(matchCase: boolean): TextFinder {
    this.ctx.meter.count('TextFinder.matchCase');
    if (typeof matchCase !== 'boolean') signatureMismatch(this.ctx, [matchCase], 'SpreadsheetApp.TextFinder.matchCase');
    this.options.matchCase = matchCase;
    return gas(this);
  }

  matchEntireCell(matchEntireCell: boolean): TextFinder {
    this.ctx.meter.count('TextFinder.matchEntireCell');
    if (typeof matchEntireCell !== 'boolean') signatureMismatch(this.ctx, [matchEntireCell], 'SpreadsheetApp.TextFinder.matchEntireCell');
    this.options.entireCell = matchEntireCell;
    return gas(this);
  }

  /** Every matching cell, row by row, each as a one-cell Range ([] when none). */
  findAll(): Range[] {
    this.ctx.meter.count('TextFinder.findAll');
    const cells = callSheets<number[]>(this.ctx, 'findText', this.ref, this.text, { ...this.options });
    const out: Range[] = [];
    for (let k = 0; k < cells.length; k += 2) {
      out.push(gas(new EmuRange(this.ctx, { ss: this.ref.ss, sheet: this.ref.sheet, row: cells[k], col: cells[k + 1], rows: 1, cols: 1 })));
    }
    return out;
  }
}
