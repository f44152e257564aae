// The live floor's data (Floor and FloorBoard): one `floor.now` every `refresh_s` (never under 15 s) while
// the page is visible, and a tick every second in between so times count on. "Now" is the server's clock,
// not the device's: the reply's `at`, plus the time the device counted since it arrived (a lead's laptop
// five minutes off still sees the right overruns, and so does a demo whose clock was moved).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PollingController } from '../controllers/polling.ts';
import { RpcState } from '../controllers/rpc-state.ts';
import type { Call } from '../rpc.ts';
import type { FloorReply } from './floor-live.ts';

export const MIN_REFRESH_S = 15;
const DEFAULT_REFRESH_S = 30;

export class FloorFeed implements ReactiveController {
  readonly state: RpcState<'floor.now'>;
  private readonly poll: PollingController;
  /** The device's clock when the last reply arrived. */
  private receivedAt: number | null = null;
  private tickTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly onVisibility = () => this.visibilityChanged();

  constructor(
    private readonly host: ReactiveControllerHost,
    call?: Call,
  ) {
    this.state = new RpcState(host, 'floor.now', call);
    const periodMs = () => this.periodMs;
    this.poll = new PollingController(host, {
      // Read at every turn: a reply's refresh_s sets the next wait.
      get periodMs() {
        return periodMs();
      },
      task: () => this.load(),
    });
    host.addController(this);
  }

  /** The last board the server sent (kept while a refresh fails: it is shown as stale). */
  get reply(): FloorReply | undefined {
    return this.state.value;
  }

  get periodMs(): number {
    const asked = this.reply?.refresh_s ?? DEFAULT_REFRESH_S;
    return Math.max(MIN_REFRESH_S, Number.isFinite(asked) ? asked : DEFAULT_REFRESH_S) * 1000;
  }

  /** The server's clock now, counted on from the last reply's `at`; null before the first reply. */
  get now(): number | null {
    const reply = this.reply;
    if (!reply || this.receivedAt === null) return null;
    return reply.at + Math.max(0, Date.now() - this.receivedAt);
  }

  /** How old the board on screen is, by the device's clock. */
  get ageMs(): number | null {
    return this.receivedAt === null ? null : Math.max(0, Date.now() - this.receivedAt);
  }

  /** The board on screen may be wrong: the last call failed, or the last answer is older than two periods. */
  get stale(): boolean {
    if (!this.reply) return false;
    return this.state.status === 'error' || (this.ageMs ?? 0) > 2 * this.periodMs;
  }

  get paused(): boolean {
    return this.poll.paused;
  }

  /** Asks now (a "Refresh" button, or after a change the page made) and starts the period again. */
  refresh(): Promise<void> {
    return this.poll.runNow();
  }

  private async load(): Promise<void> {
    const reply = await this.state.run({});
    if (!reply) return;
    this.receivedAt = Date.now();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibility);
    this.scheduleTick();
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.stopTick();
  }

  private visibilityChanged(): void {
    // Nobody looks at a hidden page: no ticking either; back at once when shown.
    if (document.visibilityState === 'hidden') this.stopTick();
    else {
      this.host.requestUpdate();
      this.scheduleTick();
    }
  }

  private scheduleTick(): void {
    this.stopTick();
    // On the second's boundary, so every timer on the board turns over together.
    this.tickTimer = setTimeout(() => {
      this.host.requestUpdate();
      this.scheduleTick();
    }, 1000 - (Date.now() % 1000));
  }

  private stopTick(): void {
    if (this.tickTimer !== null) clearTimeout(this.tickTimer);
    this.tickTimer = null;
  }
}
