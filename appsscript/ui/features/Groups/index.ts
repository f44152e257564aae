// The Groups sidebar (common/screens.ts): dist/appsscript/Groups.html.
import { mountScreen } from '../../boot.ts';
import './groups-screen.ts';

mountScreen('adm-groups');
