// The page's components import the controller from here; it is the console's too (ui-shared/).
export { LocaleController } from '../../../ui-shared/locale-controller.ts';
