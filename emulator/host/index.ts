// The host side of every emulated service, put together over one set of dependencies.
import type { ExecutionInfo } from '../runtime/contracts.ts';
import type { HostDeps, HostServices } from './deps.ts';
import { ProjectState } from '../project-state.ts';
import { createSheetsHost } from './sheets.ts';
import { createUiHost, takeDialogs, uiState, type UiDialog, type UiMenu } from './ui.ts';
import { createPropertiesHost } from './properties.ts';
import { createCacheHost } from './cache.ts';
import { createLockHost } from './lock.ts';
import { createTriggersHost } from './triggers.ts';
import { createMailHost } from './mail.ts';
import { createFetchHost } from './fetch.ts';
import { createScheduler, type Scheduler } from './scheduler.ts';
import { setSelection, type SelectionView } from './selection.ts';

export type RunFunction = (fn: string, args: unknown[], opts: { kind: ExecutionInfo['kind'] }) => Promise<unknown>;

export interface Host {
  services: HostServices;
  state: ProjectState;
  scheduler: Scheduler;
  /** Everything an execution holds ends with it: its locks are released. */
  endExecution(exec: ExecutionInfo): void;
  startScheduler(): void;
  stopScheduler(): void;
  uiState(): { menus: UiMenu[]; dialogs: UiDialog[] };
  takeDialogs(): UiDialog[];
  /** What the admin selected on the /admin page: the next executions' getActiveSheet / getActiveRange. */
  select(ssId: string, sheet: number | string, a1: string): SelectionView;
}

export function createHost(deps: HostDeps, run: RunFunction): Host {
  const state = ProjectState.open(deps.dataDir);
  const lock = createLockHost(deps);
  const services: HostServices = {
    sheets: createSheetsHost(deps),
    ui: createUiHost(deps),
    props: createPropertiesHost(deps, state),
    cache: createCacheHost(deps),
    lock,
    triggers: createTriggersHost(deps, state),
    mail: createMailHost(deps),
    fetch: createFetchHost(deps),
  };
  const scheduler = createScheduler({
    clock: deps.clock,
    state,
    fire: async (trigger, event) => {
      await run(trigger.handler, [event], { kind: 'trigger' });
    },
    onError: (trigger, error) => console.error(`[runtime] trigger ${trigger.handler} could not run:`, error),
  });
  return {
    services,
    state,
    scheduler,
    endExecution: (exec) => void lock.releaseAll(exec),
    startScheduler: () => scheduler.start(),
    stopScheduler: () => scheduler.stop(),
    uiState: () => uiState(deps),
    takeDialogs: () => takeDialogs(deps),
    select: (ssId, sheet, a1) => setSelection(deps, ssId, sheet, a1),
  };
}
