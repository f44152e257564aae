// The console's texts in the page's language. The language itself (the browser's by default, a choice
// remembered in localStorage) is ui-shared/lang.ts, the same module as the employee page's: one choice
// serves both where they share an origin.
import { en, type Strings } from './strings-en.ts';
import { ru } from './strings-ru.ts';
import { catalogs } from '../../../ui-shared/lang.ts';

export { LANGS, LANG_STORAGE_KEY, detectLang, getLang, onLangChange, resetLang, setLang, type Lang } from '../../../ui-shared/lang.ts';

export const { t, stringsFor } = catalogs<Strings>({ ru, en });
