// The store's named errors. Each carries a `code` so callers (the runtime's startup, the admin page) can
// tell them apart without parsing messages, and a message a person can act on.

export interface ConflictDetails {
  /** The spreadsheet file that was changed outside the runtime. */
  file: string;
  /** What happened to it, e.g. "was changed outside the runtime". */
  what: string;
  /** Journal segments holding the runtime's changes not in that file. */
  journal: string[];
  /** How many changes they hold (for the file's spreadsheet). */
  pendingOps: number;
  /** A copy of the snapshot the journal applies to, when one is kept. */
  base: string | null;
}

/**
 * A spreadsheet file was edited elsewhere while the runtime still had changes to it that are only in its
 * journal. The two are never merged silently: a person chooses which side to keep.
 */
export class WorkbookConflictError extends Error {
  readonly code = 'workbook_conflict';
  override readonly name = 'WorkbookConflictError';

  constructor(readonly details: ConflictDetails) {
    super(conflictMessage(details));
  }
}

function conflictMessage(d: ConflictDetails): string {
  const journal = d.journal.map((p) => `"${p}"`).join(' ');
  const restore = d.base
    ? `restore the runtime's last snapshot of it (cp "${d.base}" "${d.file}"; move the edited file aside first ` +
      `if you want to keep a copy) and start again: the journal is then replayed onto it.`
    : `no copy of the runtime's last snapshot is left, so this side can only be recovered by hand from the journal.`;
  return (
    `${d.file} ${d.what} while the runtime's journal still holds ${d.pendingOps} change(s) to it that the file ` +
    `does not contain. They are not merged. Either keep the outside edit: move the journal aside ` +
    `(mv ${journal} <somewhere else>) and start again, dropping those changes; or keep the runtime's changes: ${restore}`
  );
}

/** The journal or the manifest cannot be read back as the store wrote it. */
export class JournalCorruptError extends Error {
  readonly code = 'journal_corrupt';
  override readonly name = 'JournalCorruptError';
}

/** Another live process has the workbook open. */
export class WorkbookInUseError extends Error {
  readonly code = 'workbook_in_use';
  override readonly name = 'WorkbookInUseError';
}

/** One cell of a file that holds no value a spreadsheet cell can have. */
export interface UnreadableCell {
  tab: string;
  /** A1 notation, e.g. "F12"; '' when only the tab is known. */
  cell: string;
  /** What is wrong with it, e.g. "a date the file cannot express (NaN)". */
  problem: string;
}

export interface UnreadableDetails {
  file: string;
  /** The cells found (a damaged shared string can sit in several). */
  cells: UnreadableCell[];
  /** The file's part that failed to parse (e.g. "xl/sharedStrings.xml"), when it was the XML itself. */
  part?: string;
  /** The parser's own words, then. */
  reason?: string;
}

/** The environment variable that makes the runtime load such a file with those cells blank. */
export const BLANK_UNREADABLE_ENV = 'WTT_BLANK_UNREADABLE';

/**
 * A spreadsheet file holds a value the runtime cannot load (an impossible date, a character XML forbids), as
 * a file written by an older runtime can. The file and the journal are left as they are; the message names
 * the cells and the two ways out.
 */
export class WorkbookUnreadableError extends Error {
  readonly code = 'workbook_unreadable';
  override readonly name = 'WorkbookUnreadableError';

  constructor(readonly details: UnreadableDetails) {
    super(unreadableMessage(details));
  }
}

function unreadableMessage(d: UnreadableDetails): string {
  const where = d.cells.length
    ? d.cells.map((c) => `tab "${c.tab}"${c.cell ? `, cell ${c.cell}` : ''}: ${c.problem}`).join('; ')
    : `${d.part ?? 'a part of the file'} does not parse${d.reason ? `: ${d.reason}` : ''}`;
  return (
    `${d.file} cannot be loaded (${where}). The file and the journal were left as they are. Either start again with ` +
    `${BLANK_UNREADABLE_ENV}=1: the file is loaded with such cells blank and characters XML cannot hold dropped ` +
    `from text, the runtime's journal is replayed onto it as usual, and the next snapshot no longer holds them. ` +
    `Or open the file in LibreOffice or Excel, correct or clear ${d.cells.length === 1 && d.cells[0].cell ? 'that cell' : 'those cells'}, ` +
    `save it as .xlsx and start again (when the runtime's journal still holds changes to the file, the start ` +
    `then stops with a conflict whose message gives the ways out).`
  );
}
