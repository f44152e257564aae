// One import for the value rules of the emulated Sheets: what a written value becomes, how a cell is shown,
// and A1 notation. Each rule lives in its own module.
export { parseUserEntered, isDateLike, MAX_CELL_CHARS, CELL_TOO_LONG_MESSAGE, type EnteredCell } from './user-entered.ts';
export { displayValue, autoNumber } from './display.ts';
export { parseA1, a1Notation, columnToLetters, lettersToColumn, type A1Ref } from './a1.ts';
export { toWallMs, fromWallMs, serialFromMs, wallMsFromSerial, zoneOffsetMs, isValidTimeZone } from './timezone.ts';
