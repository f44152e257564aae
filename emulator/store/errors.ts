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
