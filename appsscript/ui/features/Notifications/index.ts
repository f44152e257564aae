// The Notifications sidebar (common/screens.ts): dist/appsscript/Notifications.html.
import { mountScreen } from '../../boot.ts';
import './notifications-screen.ts';

mountScreen('adm-notifications');
