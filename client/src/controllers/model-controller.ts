// Re-renders its host whenever the AppModel says something changed (status, sync state, today...).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AppModel } from '../model.ts';

export class ModelController implements ReactiveController {
  private unsubscribe: (() => void) | null = null;
  private model: AppModel | null = null;
  private connected = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Follows another model (or none); safe to call on every render. */
  follow(model: AppModel | null): void {
    if (model === this.model) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.model = model;
    if (this.connected) this.listen();
  }

  hostConnected(): void {
    this.connected = true;
    this.listen();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private listen(): void {
    if (!this.model || this.unsubscribe) return;
    this.unsubscribe = this.model.subscribe(() => this.host.requestUpdate());
  }
}
