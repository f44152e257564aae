// The functions sidebars call through google.script.run, with their argument and result types.
// google.script.run cannot pass Date objects: everything here is JSON-safe.
import type { HealthReply } from './envelope.ts';

export interface SidebarRpc {
  sidebarHealth(): HealthReply;
}
