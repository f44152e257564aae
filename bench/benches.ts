// Every benchmark `npm run bench` knows, in the order they run. A name chooses one: `npm run bench -- sync`.
import type { Bench } from './lib/report.ts';
import { runtimeBench } from './runtime.ts';
import { syncBench } from './sync.ts';
import { loadBench } from './load.ts';
import { storeBench } from './store.ts';
import { clientBench } from './client.ts';
import { checkBreaksBench } from './check-breaks.ts';
import { adminBench } from './admin.ts';
import { floorBench } from './floor.ts';
import { scheduleBench } from './schedule.ts';
import { reportsBench } from './reports.ts';

export const BENCHES: readonly Bench[] = [runtimeBench, syncBench, loadBench, storeBench, clientBench, checkBreaksBench, adminBench, floorBench, scheduleBench, reportsBench];
