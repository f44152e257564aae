// The Doctor sidebar (common/screens.ts): dist/appsscript/Doctor.html. It replaces the old Health sidebar.
import { mountScreen } from '../../boot.ts';
import './doctor-screen.ts';

mountScreen('adm-doctor');
