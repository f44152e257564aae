// The Break rules sidebar (common/screens.ts): dist/appsscript/Rules.html.
import { mountScreen } from '../../boot.ts';
import './rules-screen.ts';

mountScreen('adm-rules');
