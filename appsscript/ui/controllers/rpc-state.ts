// The state of one kind of call a screen makes (a list, a save): idle, loading, ok with its reply, or error
// with the AdminError. The host re-renders on every change. When a call is made again before the last one
// answered, only the newest answer counts: a slow old reply never overwrites a newer one. RpcWrite is the
// state of a write, which keeps its request_id while the same save is tried again.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AdminOp, AdminReply } from '../../../common/admin-api.ts';
import { call as defaultCall, type Call, type CallPayload } from '../rpc.ts';
import { SaveRequest } from '../request-id.ts';

export type RpcStatus = 'idle' | 'loading' | 'ok' | 'error';

export class RpcState<K extends AdminOp> implements ReactiveController {
  status: RpcStatus = 'idle';
  value: AdminReply<K> | undefined;
  error: unknown;
  private latest = 0;

  constructor(
    protected readonly host: ReactiveControllerHost,
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
      this.took(value);
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

  /** The newest reply came: what a subclass keeps of it is there before the host draws it. */
  protected took(_value: AdminReply<K>): void {}

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

/**
 * A write (a save, a deactivation): the same request_id while the admin retries the very same payload after
 * a failure, so the server does it once; a new one after it went through or once the payload changed.
 */
export class RpcWrite<K extends AdminOp> extends RpcState<K> {
  private readonly request = new SaveRequest();

  /** The reply, or undefined when the write failed (see `error`). */
  async send(payload: Omit<CallPayload<K>, 'request_id'>): Promise<AdminReply<K> | undefined> {
    const reply = await this.run({ ...payload, request_id: this.request.idFor(payload) } as CallPayload<K>);
    if (reply) this.request.done();
    return reply;
  }
}
