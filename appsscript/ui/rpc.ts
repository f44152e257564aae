// A typed, promise-based google.script.run for sidebar pages.
import type { SidebarRpc } from '../../common/rpc.ts';

interface ScriptRun {
  withSuccessHandler(f: (v: unknown) => void): ScriptRun;
  withFailureHandler(f: (e: Error) => void): ScriptRun;
  [fn: string]: unknown;
}
declare const google: { script: { run: ScriptRun } };

export function rpc<K extends keyof SidebarRpc>(name: K, ...args: Parameters<SidebarRpc[K]>): Promise<ReturnType<SidebarRpc[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((v) => resolve(v as ReturnType<SidebarRpc[K]>))
      .withFailureHandler(reject) as unknown as Record<string, (...a: unknown[]) => void>;
    runner[name](...args);
  });
}
