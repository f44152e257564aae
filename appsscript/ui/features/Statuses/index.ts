// The Statuses sidebar (common/screens.ts): dist/appsscript/Statuses.html.
import { mountScreen } from '../../boot.ts';
import './statuses-screen.ts';

mountScreen('adm-statuses');
