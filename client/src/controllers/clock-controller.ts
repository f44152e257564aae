// A ticking clock for timers: re-renders its host on every whole second while the host is on the page
// (and only then: a detached component keeps no timer alive).
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ClockController implements ReactiveController {
  /** The device's clock at the last tick (epoch ms). */
  now = Date.now();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly periodMs = 1000,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.now = Date.now();
    this.schedule();
  }

  hostDisconnected(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    // Aligned to the period's boundary so every timer on the page turns over at the same moment.
    const wait = this.periodMs - (Date.now() % this.periodMs);
    this.timer = setTimeout(() => {
      this.now = Date.now();
      this.host.requestUpdate();
      this.schedule();
    }, wait);
  }
}
