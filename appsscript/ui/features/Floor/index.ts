// The Floor sidebar (common/screens.ts): dist/appsscript/Floor.html.
import { mountScreen } from '../../boot.ts';
import './floor-screen.ts';

mountScreen('adm-floor');
