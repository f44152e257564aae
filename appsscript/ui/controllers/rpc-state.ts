// The state of one kind of call a screen makes (a list, a save): idle, loading, ok with its reply, or error
// with the AdminError. The host re-renders on every change. When a call is made again before the last one
// answered, only the newest answer counts: a slow old reply never overwrites a newer one.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AdminOp, AdminReply } from '../../../common/admin-api.ts';
import { call as defaultCall, type Call, type CallPayload } from '../rpc.ts';

export type RpcStatus = 'idle' | 'loading' | 'ok' | 'error';

export class RpcState<K extends AdminOp> implements ReactiveController {
  status: RpcStatus = 'idle';
  value: AdminReply<K> | undefined;
  error: unknown;
  private latest = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly op: K,
    private readonly call: Call = defaultCall,
  ) {
    host.addController(this);
  }

  get loading(): boolean {
    return this.status === 'loading';
  }

  /** The reply, or undefined when the call failed or was overtaken by a newer one (see `error`). */
  async run(payload: CallPayload<K>): Promise<AdminReply<K> | undefined> {
    const mine = ++this.latest;
    this.status = 'loading';
    this.error = undefined;
    this.host.requestUpdate();
    try {
      const value = await this.call(this.op, payload);
      if (mine !== this.latest) return undefined;
      this.value = value;
      this.status = 'ok';
      return value;
    } catch (e) {
      if (mine !== this.latest) return undefined;
      this.error = e;
      this.status = 'error';
      return undefined;
    } finally {
      if (mine === this.latest) this.host.requestUpdate();
    }
  }

  /** Forget an error or a reply (a form closed, a new record opened). */
  reset(): void {
    this.latest++;
    this.status = 'idle';
    this.value = undefined;
    this.error = undefined;
    this.host.requestUpdate();
  }

  /** Nothing starts with the host: the host makes its calls (a list on connect, a save on a click). */
  hostConnected(): void {}
}
