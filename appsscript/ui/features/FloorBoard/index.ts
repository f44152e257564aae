// The FloorBoard dialog (common/screens.ts, 1200×800): dist/appsscript/FloorBoard.html.
import { mountScreen } from '../../boot.ts';
import './floor-board-screen.ts';

mountScreen('adm-floor-board');
