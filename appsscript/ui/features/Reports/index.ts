// The Analytics dialog (common/screens.ts, 1200×800): dist/appsscript/Reports.html.
import { mountScreen } from '../../boot.ts';
import './reports-screen.ts';

mountScreen('adm-reports');
