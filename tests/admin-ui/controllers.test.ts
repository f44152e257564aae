// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LitElement, html } from 'lit';
import { PollingController } from '../../appsscript/ui/controllers/polling.ts';
import { RpcState } from '../../appsscript/ui/controllers/rpc-state.ts';
import type { Call } from '../../appsscript/ui/rpc.ts';
import { AdminError } from '../../appsscript/ui/rpc-error.ts';
import { clear } from '../client/ui-helpers.ts';

let visibility: DocumentVisibilityState = 'visible';

function setVisibility(v: DocumentVisibilityState): void {
  visibility = v;
  document.dispatchEvent(new Event('visibilitychange'));
}

class PollHost extends LitElement {
  runs = 0;
  readonly poll = new PollingController(this, { periodMs: 60_000, task: () => void this.runs++ });
  override render() {
    return html``;
  }
}
customElements.define('test-poll-host', PollHost);

describe('the polling controller', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    visibility = 'visible';
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  });
  afterEach(() => {
    clear();
    vi.useRealTimers();
  });

  it('runs at once, then every period, pauses while the page is hidden and catches up when shown', async () => {
    const host = document.createElement('test-poll-host') as PollHost;
    document.body.append(host);
    await vi.advanceTimersByTimeAsync(0);
    expect(host.runs).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(host.runs).toBe(2);

    setVisibility('hidden');
    expect(host.poll.paused).toBe(true);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(host.runs).toBe(2);

    setVisibility('visible');
    await vi.advanceTimersByTimeAsync(0);
    expect(host.runs).toBe(3);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(host.runs).toBe(3);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(host.runs).toBe(4);
  });

  it('stops with its host', async () => {
    const host = document.createElement('test-poll-host') as PollHost;
    document.body.append(host);
    await vi.advanceTimersByTimeAsync(0);
    host.remove();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(host.runs).toBe(1);
  });
});

describe('the rpc state controller', () => {
  afterEach(() => clear());

  it('goes loading -> ok, and loading -> error, and a newer call wins over an older slow one', async () => {
    const pending: ((v: unknown) => void)[] = [];
    const failNext: AdminError[] = [];
    const call = ((_op: string, _payload: unknown) =>
      new Promise((resolve, reject) => {
        const e = failNext.shift();
        if (e) reject(e);
        else pending.push(resolve);
      })) as unknown as Call;
    const host = document.createElement('div') as unknown as LitElement;
    (host as unknown as { addController(): void; requestUpdate(): void }).addController = () => {};
    (host as unknown as { requestUpdate(): void }).requestUpdate = () => {};
    const state = new RpcState(host, 'groups.list', call);
    expect(state.status).toBe('idle');

    const slow = state.run({});
    const fast = state.run({});
    expect(state.status).toBe('loading');
    pending[1]({ rows: ['new'], rule_sets: [] });
    expect(await fast).toEqual({ rows: ['new'], rule_sets: [] });
    pending[0]({ rows: ['old'], rule_sets: [] });
    expect(await slow).toBeUndefined();
    expect(state.status).toBe('ok');
    expect(state.value).toEqual({ rows: ['new'], rule_sets: [] });

    failNext.push(new AdminError('forbidden', 'No / Нет'));
    expect(await state.run({})).toBeUndefined();
    expect(state.status).toBe('error');
    expect((state.error as AdminError).code).toBe('forbidden');
  });
});
