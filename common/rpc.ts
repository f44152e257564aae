// The functions sidebars call through google.script.run, with their argument and result types.
// google.script.run cannot pass Date objects: everything here is JSON-safe.
import type { HealthReply } from './envelope.ts';

/** A row of a hand-edited tab that cannot be used (it is skipped; the rest of the team keeps working). */
export interface SheetIssue {
  tab: string;
  row: number;
  column: string;
  message: string;
}

export interface HealthDetails extends HealthReply {
  issues: SheetIssue[];
}

export interface SidebarRpc {
  sidebarHealth(): HealthDetails;
}
