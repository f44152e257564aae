// Host side of PropertiesService: the three property stores, durable in project.json.
import { GasError, type ExecutionInfo } from '../runtime/contracts.ts';
import type { ProjectData, ProjectState, PropertyMap } from '../project-state.ts';
import type { HostDeps, HostService } from './deps.ts';

export type PropertyScope = 'script' | 'user' | 'document';

/** developers.google.com/apps-script/guides/services/quotas: "Properties total storage 500 KB / property store". */
export const PROPERTY_STORE_LIMIT_BYTES = 500 * 1024;
export const PROPERTY_QUOTA_MESSAGE =
  'You have exceeded the property storage quota. Please remove some properties and try again.';

/**
 * User properties belong to the user the code runs as (the effective user: the owner for a web app
 * executing as "me" and for the owner's triggers), document properties to the bound spreadsheet.
 */
function readStore(data: Readonly<ProjectData>, exec: ExecutionInfo, scope: PropertyScope): PropertyMap {
  if (scope === 'script') return data.scriptProperties;
  if (scope === 'user') return data.userProperties[exec.effectiveUser] ?? {};
  return data.documentProperties[exec.activeSpreadsheetId] ?? {};
}

function writeStore(data: ProjectData, exec: ExecutionInfo, scope: PropertyScope, store: PropertyMap): void {
  if (scope === 'script') data.scriptProperties = store;
  else if (scope === 'user') data.userProperties[exec.effectiveUser] = store;
  else data.documentProperties[exec.activeSpreadsheetId] = store;
}

/** Plain assignment would treat a key named "__proto__" as the prototype, not as a property. */
function putOwn(store: PropertyMap, key: string, value: string): void {
  Object.defineProperty(store, key, { value, enumerable: true, writable: true, configurable: true });
}

export function storeBytes(store: PropertyMap): number {
  let n = 0;
  for (const k in store) n += Buffer.byteLength(k, 'utf8') + Buffer.byteLength(store[k], 'utf8');
  return n;
}

export function createPropertiesHost(_deps: HostDeps, state: ProjectState): HostService {
  const change = (exec: ExecutionInfo, scope: PropertyScope, edit: (store: PropertyMap) => void): void => {
    state.update((data) => {
      const store = { ...readStore(data, exec, scope) };
      edit(store);
      if (storeBytes(store) > PROPERTY_STORE_LIMIT_BYTES) throw new GasError(PROPERTY_QUOTA_MESSAGE);
      writeStore(data, exec, scope, store);
    });
  };

  return {
    get(exec, scope: PropertyScope, key: string): string | null {
      const store = readStore(state.data, exec, scope);
      return Object.hasOwn(store, key) ? store[key] : null;
    },
    getAll(exec, scope: PropertyScope): PropertyMap {
      return { ...readStore(state.data, exec, scope) };
    },
    keys(exec, scope: PropertyScope): string[] {
      return Object.keys(readStore(state.data, exec, scope));
    },
    set(exec, scope: PropertyScope, key: string, value: string): void {
      change(exec, scope, (store) => {
        putOwn(store, key, value);
      });
    },
    setMany(exec, scope: PropertyScope, values: PropertyMap, deleteAllOthers: boolean): void {
      change(exec, scope, (store) => {
        if (deleteAllOthers) for (const k of Object.keys(store)) delete store[k];
        for (const k of Object.keys(values)) putOwn(store, k, values[k]);
      });
    },
    delete(exec, scope: PropertyScope, key: string): void {
      if (!Object.hasOwn(readStore(state.data, exec, scope), key)) return;
      change(exec, scope, (store) => {
        delete store[key];
      });
    },
    deleteAll(exec, scope: PropertyScope): void {
      change(exec, scope, (store) => {
        for (const k of Object.keys(store)) delete store[k];
      });
    },
  };
}
