// PLACEHOLDER until the latency model is written down (see docs/latency-model.md).
export interface Usage {
  calls: Record<string, number>;
  cellsRead: number;
  cellsWritten: number;
  waitMs: number;
}
export function projectMs(u: Usage): number {
  let n = 0;
  for (const k in u.calls) n += u.calls[k];
  return n * 10 + u.cellsRead * 0.001 + u.cellsWritten * 0.01 + u.waitMs;
}
