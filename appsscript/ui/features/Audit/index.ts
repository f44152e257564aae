// The Audit log dialog (common/screens.ts, 960×640): dist/appsscript/Audit.html.
import { mountScreen } from '../../boot.ts';
import './audit-screen.ts';

mountScreen('adm-audit');
