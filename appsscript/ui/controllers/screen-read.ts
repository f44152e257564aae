// What a screen reads as it opens (a list, the settings): the call is made when the host connects and again
// by the failure's "Try again"; `render` draws the three states a read can be in besides its reply.
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { AdminOp, AdminReply } from '../../../common/admin-api.ts';
import type { CallPayload } from '../rpc.ts';
import { errorState, loadingState } from '../components/states.ts';
import { RpcState } from './rpc-state.ts';

/** The ops a screen reads with nothing to send. */
export type ReadOp = { [O in AdminOp]: Record<string, never> extends CallPayload<O> ? O : never }[AdminOp];

export class ScreenRead<K extends ReadOp> extends RpcState<K> {
  constructor(
    host: ReactiveControllerHost,
    op: K,
    /** The newest reply, for a host that keeps something of it (the settings' form starts from it). */
    private readonly loaded?: (reply: AdminReply<K>) => void,
  ) {
    super(host, op);
  }

  override hostConnected(): void {
    void this.load();
  }

  load(): Promise<AdminReply<K> | undefined> {
    return this.run({} as CallPayload<K>);
  }

  protected override took(reply: AdminReply<K>): void {
    this.loaded?.(reply);
  }

  /**
   * The failure with "Try again", then the loading state or what `ok` draws of the reply. A failure of a
   * later read shows above the reply already drawn, which stays.
   */
  render(ok: (reply: AdminReply<K>) => unknown): TemplateResult {
    return html`${this.status === 'error' ? errorState(this.error, () => void this.load()) : nothing}${this.value === undefined
      ? this.status === 'error'
        ? nothing
        : loadingState()
      : ok(this.value)}`;
  }
}
