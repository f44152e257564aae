// Re-renders its host when the page's language changes.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getLang, onLangChange, type Lang } from './lang.ts';

export class LocaleController implements ReactiveController {
  private off: (() => void) | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get lang(): Lang {
    return getLang();
  }

  hostConnected(): void {
    this.off = onLangChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.off?.();
    this.off = null;
  }
}
