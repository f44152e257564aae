// The Violations dialog (common/screens.ts, 1100×720): dist/appsscript/Violations.html.
import { mountScreen } from '../../boot.ts';
import './violations-screen.ts';

mountScreen('adm-violations');
