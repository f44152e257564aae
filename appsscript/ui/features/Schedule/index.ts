// The Schedule dialog (common/screens.ts, 1200×760): dist/appsscript/Schedule.html.
import { mountScreen } from '../../boot.ts';
import './schedule-screen.ts';

mountScreen('adm-schedule');
