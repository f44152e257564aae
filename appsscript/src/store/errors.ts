// Structural problems of the workbook: a tab that is missing or not shaped as the schema says. These are not
// the caller's fault and not a bad row (those are RowIssues): the admin has to run Setup or repair the tab,
// so they are 'internal' errors whose message names the tab and says what to do.
import { Internal } from '../errors.ts';

export class MissingTab extends Internal {
  readonly tab: string;
  constructor(tab: string) {
    super(
      `The tab "${tab}" is missing: run Setup from the WorkTimeTracker menu`,
      `Нет вкладки «${tab}»: запустите «Настройка» в меню WorkTimeTracker`,
      { tab },
    );
    this.name = 'MissingTab';
    this.tab = tab;
  }
}

/** The header row of a tab is not the one this version of the script expects. */
export class HeaderMismatch extends Internal {
  readonly tab: string;
  constructor(tab: string, expected: readonly string[], found: readonly string[]) {
    super(
      `The tab "${tab}" has the columns [${found.join(', ')}] but [${expected.join(', ')}] are expected: run Setup, or restore the header row`,
      `Во вкладке «${tab}» столбцы [${found.join(', ')}], а ожидаются [${expected.join(', ')}]: запустите «Настройка» или восстановите строку заголовков`,
      { tab },
    );
    this.name = 'HeaderMismatch';
    this.tab = tab;
  }
}

/** Setup met a tab it cannot upgrade safely; nothing was changed. */
export class SetupRefused extends Internal {
  readonly tab: string;
  constructor(tab: string, english: string, russian: string) {
    super(`Setup stopped at the tab "${tab}": ${english}. Nothing was changed`, `Настройка остановлена на вкладке «${tab}»: ${russian}. Ничего не изменено`, { tab });
    this.name = 'SetupRefused';
    this.tab = tab;
  }
}

/** A value the script itself produced cannot be stored (a bug or an oversized cell), never user input. */
export class UnstorableValue extends Internal {
  constructor(tab: string, column: string, why: string) {
    super(`Cannot store ${tab}.${column}: ${why}`, `Невозможно сохранить ${tab}.${column}: ${why}`, { tab, column });
    this.name = 'UnstorableValue';
  }
}
