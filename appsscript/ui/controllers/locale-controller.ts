// The console's components import the controller from here; it is the employee page's too (ui-shared/).
export { LocaleController } from '../../../ui-shared/locale-controller.ts';
