// Shared by the SpreadsheetApp facades: host calls, grids across the thread boundary, typing helpers.
import type { FacadeContext } from '../../runtime/contracts.ts';
import { isDateLike } from '../../model/user-entered.ts';
import type { WireGrid } from '../../model/sheets-protocol.ts';

/** One round trip to the 'sheets' host service. */
export function callSheets<T>(ctx: FacadeContext, method: string, ...args: unknown[]): T {
  return ctx.port.call<T>('sheets', method, args);
}

/**
 * The facades implement only the methods the product uses, so they are not full Apps Script objects;
 * the compiler checks each class against Pick<...> and this one cast hands it out under the real type.
 */
export function gas<T>(facade: object): T {
  return facade as unknown as T;
}

/** Values the script passed, as plain data: Dates (of any realm) become ms listed in `d`. */
export function toWire(values: unknown[][]): WireGrid {
  const d: number[] = [];
  const v = values.map((row, i) =>
    row.map((cell, j) => {
      if (cell === null || cell === undefined) return null;
      const t = typeof cell;
      if (t === 'string' || t === 'number' || t === 'boolean') return cell;
      if (isDateLike(cell)) {
        d.push(i, j);
        return cell.getTime();
      }
      return String(cell);
    }),
  );
  return { v, d };
}

/** A grid from the host, with Dates of the execution's realm. Mutates and returns `grid.v`. */
export function fromWire(ctx: FacadeContext, grid: WireGrid): any[][] {
  const { v, d } = grid;
  for (let k = 0; k < d.length; k += 2) v[d[k]][d[k + 1]] = ctx.toDate(v[d[k]][d[k + 1]] as number);
  return v;
}

/** Apps Script's message when an argument has the wrong type. */
export function signatureMismatch(ctx: FacadeContext, args: unknown[], method: string): never {
  const typeName = (a: unknown): string => {
    if (a === null) return 'null';
    if (Array.isArray(a)) return `${a.length ? typeName(a[0]) : 'Object'}[]`;
    if (typeof a === 'string') return 'String';
    if (typeof a === 'number') return 'number';
    if (typeof a === 'boolean') return 'Boolean';
    if (a === undefined) return 'undefined';
    return 'Object';
  };
  const names = args.map(typeName);
  return ctx.fail(`The parameters (${names.join(',')}) don't match the method signature for ${method}.`);
}

/** Apps Script truncates fractional coordinates; anything not a number is a signature error. */
export function integerArg(ctx: FacadeContext, v: unknown, args: unknown[], method: string): number {
  if (typeof v !== 'number' || Number.isNaN(v)) signatureMismatch(ctx, args, method);
  return Math.trunc(v);
}
