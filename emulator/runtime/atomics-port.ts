// The execution side of a host call: post the call, block this thread until the host answers.
// The host writes its reply to the port first and then flips the signal, so once the wait ends the
// reply is already queued and receiveMessageOnPort() can take it synchronously (synckit's pattern).
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { HostCall, HostPort, HostReply } from './contracts.ts';

export class AtomicsPort implements HostPort {
  private readonly signal: Int32Array;

  constructor(
    private readonly port: MessagePort,
    signalBuffer: SharedArrayBuffer,
    private readonly fail: (message: string) => never,
  ) {
    this.signal = new Int32Array(signalBuffer);
  }

  call<T>(s: string, m: string, a: unknown[]): T {
    Atomics.store(this.signal, 0, 0);
    const call: HostCall = { s, m, a };
    this.port.postMessage(call);
    Atomics.wait(this.signal, 0, 0);
    const received = receiveMessageOnPort(this.port);
    if (!received) throw new Error(`host call ${s}.${m}: woke without a reply`);
    const reply = received.message as HostReply;
    if (!reply.ok) this.fail(reply.message);
    return (reply as { v: T }).v;
  }
}

/** Host side: answer one call and wake the waiting execution. */
export function answer(port: MessagePort, signalBuffer: SharedArrayBuffer, reply: HostReply): void {
  port.postMessage(reply);
  const signal = new Int32Array(signalBuffer);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}
