// The Settings sidebar (common/screens.ts): dist/appsscript/Settings.html.
import { mountScreen } from '../../boot.ts';
import './settings-screen.ts';

mountScreen('adm-settings');
