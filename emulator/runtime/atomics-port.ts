// The execution side of a host call: post the call, block this thread until the host answers.
// The host posts its reply and then flips the signal (synckit's pattern). A message posted to another
// thread's port can reach that port's queue a moment AFTER the signal was seen, so the waiting side keeps
// polling until the reply with ITS call id arrives; replies are never taken by the wrong call.
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { HostCall, HostPort, HostReply } from './contracts.ts';

export class AtomicsPort implements HostPort {
  private readonly signal: Int32Array;
  private nextId = 1;

  constructor(
    private readonly port: MessagePort,
    signalBuffer: SharedArrayBuffer,
    private readonly fail: (message: string) => never,
  ) {
    this.signal = new Int32Array(signalBuffer);
  }

  call<T>(s: string, m: string, a: unknown[]): T {
    const id = this.nextId++;
    Atomics.store(this.signal, 0, 0);
    const call: HostCall = { id, s, m, a };
    this.port.postMessage(call);
    Atomics.wait(this.signal, 0, 0);
    for (;;) {
      const received = receiveMessageOnPort(this.port);
      if (!received) {
        // Signalled, but the reply is still on its way to this thread's queue: wait a little.
        Atomics.wait(this.signal, 0, 1, 1);
        continue;
      }
      const reply = received.message as HostReply;
      if (reply.id !== id) continue; // a stale reply of an earlier call can never be this call's answer
      if (!reply.ok) this.fail(reply.message);
      return (reply as { v: T }).v;
    }
  }
}

/** Host side: answer one call and wake the waiting execution. */
export function answer(port: MessagePort, signalBuffer: SharedArrayBuffer, reply: HostReply): void {
  port.postMessage(reply);
  const signal = new Int32Array(signalBuffer);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}
