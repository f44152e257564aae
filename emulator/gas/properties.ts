// PropertiesService facade: three key/value stores kept by the host (durable in project.json).
import type { FacadeContext } from '../runtime/contracts.ts';
import type { PropertyScope } from '../host/properties.ts';

/** developers.google.com/apps-script/guides/services/quotas: "Properties value size 9 KB / val". */
export const PROPERTY_VALUE_LIMIT_BYTES = 9 * 1024;
export const VALUE_TOO_LARGE = 'Argument too large: value';

type PropertiesApi = Pick<
  GoogleAppsScript.Properties.Properties,
  | 'getProperty'
  | 'setProperty'
  | 'getProperties'
  | 'setProperties'
  | 'deleteProperty'
  | 'deleteAllProperties'
  | 'getKeys'
>;

class EmuProperties implements PropertiesApi {
  constructor(
    private readonly ctx: FacadeContext,
    private readonly scope: PropertyScope,
  ) {}

  getProperty(key: string): string | null {
    this.ctx.meter.count('Properties.getProperty');
    return this.host<string | null>('get', [String(key)]);
  }

  setProperty(key: string, value: string): this {
    const v = this.checkedValue(value);
    this.ctx.meter.count('Properties.setProperty');
    this.host('set', [String(key), v]);
    return this;
  }

  getProperties(): Record<string, string> {
    this.ctx.meter.count('Properties.getProperties');
    return this.host<Record<string, string>>('getAll', []);
  }

  setProperties(properties: Record<string, string>, deleteAllOthers = false): this {
    if (properties === null || typeof properties !== 'object') this.ctx.fail('Invalid argument: properties');
    const values: Record<string, string> = {};
    for (const k of Object.keys(properties)) values[k] = this.checkedValue(properties[k]);
    this.ctx.meter.count('Properties.setProperties');
    this.host('setMany', [values, Boolean(deleteAllOthers)]);
    return this;
  }

  deleteProperty(key: string): this {
    this.ctx.meter.count('Properties.deleteProperty');
    this.host('delete', [String(key)]);
    return this;
  }

  deleteAllProperties(): this {
    this.ctx.meter.count('Properties.deleteAllProperties');
    this.host('deleteAll', []);
    return this;
  }

  getKeys(): string[] {
    this.ctx.meter.count('Properties.getKeys');
    return this.host<string[]>('keys', []);
  }

  /** The guide: "Data types that are not already strings are automatically converted to strings". */
  private checkedValue(value: unknown): string {
    const v = String(value);
    if (Buffer.byteLength(v, 'utf8') > PROPERTY_VALUE_LIMIT_BYTES) this.ctx.fail(VALUE_TOO_LARGE);
    return v;
  }

  private host<T = unknown>(method: string, args: unknown[]): T {
    return this.ctx.port.call<T>('props', method, [this.scope, ...args]);
  }
}

type PropertiesServiceApi = Pick<
  GoogleAppsScript.Properties.PropertiesService,
  'getScriptProperties' | 'getUserProperties' | 'getDocumentProperties'
>;

export function createPropertiesService(ctx: FacadeContext): PropertiesServiceApi {
  return {
    getScriptProperties() {
      ctx.meter.count('PropertiesService.getScriptProperties');
      return new EmuProperties(ctx, 'script') as unknown as GoogleAppsScript.Properties.Properties;
    },
    getUserProperties() {
      ctx.meter.count('PropertiesService.getUserProperties');
      return new EmuProperties(ctx, 'user') as unknown as GoogleAppsScript.Properties.Properties;
    },
    // reference/properties/properties-service#getDocumentProperties: null when the script is not
    // bound to a document.
    getDocumentProperties() {
      ctx.meter.count('PropertiesService.getDocumentProperties');
      if (!ctx.exec.activeSpreadsheetId) return null as unknown as GoogleAppsScript.Properties.Properties;
      return new EmuProperties(ctx, 'document') as unknown as GoogleAppsScript.Properties.Properties;
    },
  };
}
