// The People sidebar (common/screens.ts): dist/appsscript/People.html.
import { mountScreen } from '../../boot.ts';
import './people-screen.ts';

mountScreen('adm-people');
