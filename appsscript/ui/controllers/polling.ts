// Runs a task now and then every period while its host is on the page and the page is visible: a sidebar
// left open behind another tab costs no Apps Script quota. Coming back after a pause, the task runs at once
// if its period has passed. A run that is still going is never started twice.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface PollingOptions {
  periodMs: number;
  task: () => Promise<unknown> | unknown;
  /** Whether to run as soon as the host connects (default) or only after the first period. */
  immediate?: boolean;
}

export class PollingController implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private connected = false;
  private lastRun = Number.NEGATIVE_INFINITY;
  private readonly onVisibility = () => this.visibilityChanged();

  constructor(
    host: ReactiveControllerHost,
    private readonly options: PollingOptions,
  ) {
    host.addController(this);
  }

  /** Whether the controller is waiting for the page to be shown again. */
  get paused(): boolean {
    return this.connected && hidden();
  }

  hostConnected(): void {
    this.connected = true;
    document.addEventListener('visibilitychange', this.onVisibility);
    if (this.options.immediate === false) this.lastRun = Date.now();
    this.schedule();
  }

  hostDisconnected(): void {
    this.connected = false;
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.clear();
  }

  /** Runs the task now (a "refresh" button) and starts the period again. */
  async runNow(): Promise<void> {
    if (this.running) return;
    this.clear();
    this.running = true;
    this.lastRun = Date.now();
    try {
      await this.options.task();
    } catch {
      // the task reports its own failures (an RpcState); polling goes on
    } finally {
      this.running = false;
      this.schedule();
    }
  }

  private visibilityChanged(): void {
    if (!this.connected) return;
    if (hidden()) this.clear();
    else this.schedule();
  }

  private schedule(): void {
    this.clear();
    if (!this.connected || hidden() || this.running) return;
    const wait = Math.max(0, this.lastRun + this.options.periodMs - Date.now());
    this.timer = setTimeout(() => void this.runNow(), wait);
  }

  private clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

function hidden(): boolean {
  return typeof document !== 'undefined' && document.visibilityState === 'hidden';
}
