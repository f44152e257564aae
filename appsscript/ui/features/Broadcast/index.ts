// The Broadcast dialog (common/screens.ts, 1000×720): dist/appsscript/Broadcast.html.
import { mountScreen } from '../../boot.ts';
import './broadcast-screen.ts';

mountScreen('adm-broadcast');
