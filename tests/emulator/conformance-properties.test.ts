// PropertiesService against developers.google.com/apps-script/reference/properties and
// guides/properties (limits: guides/services/quotas).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Clock } from '../../emulator/clock.ts';
import { createDirectContext } from '../../emulator/runtime/direct.ts';
import type { ExecutionInfo } from '../../emulator/runtime/contracts.ts';
import type { HostDeps, HostService } from '../../emulator/host/deps.ts';
import { MemoryWorkbookStore } from '../../emulator/model/memory-store.ts';
import { PROJECT_FILE, ProjectState } from '../../emulator/project-state.ts';
import { createPropertiesHost, PROPERTY_QUOTA_MESSAGE } from '../../emulator/host/properties.ts';
import { createPropertiesService, VALUE_TOO_LARGE } from '../../emulator/gas/properties.ts';

/** Arguments and results cross the boundary as structured clones, as between threads. */
function crossing(service: HostService): HostService {
  const out: HostService = {};
  for (const [m, fn] of Object.entries(service)) out[m] = (exec, ...args) => structuredClone(fn(exec, ...structuredClone(args)));
  return out;
}

function setup() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wtt-props-'));
  const clock = new Clock();
  clock.set(Date.UTC(2026, 0, 15, 9, 0, 0), { frozen: true });
  const deps: HostDeps = {
    clock,
    workbooks: new MemoryWorkbookStore(),
    dataDir,
    bundleDir: dataDir,
    ownerEmail: 'owner@example.com',
    mailbox: [],
    fetches: [],
    webAppUrl: 'http://127.0.0.1:8080/exec',
  };
  const state = ProjectState.open(dataDir);
  const host = { props: crossing(createPropertiesHost(deps, state)) };
  const execution = (exec: Partial<ExecutionInfo> = {}) => {
    const ctx = createDirectContext(host, { exec, clock });
    return { ctx, PropertiesService: createPropertiesService(ctx) };
  };
  return { dataDir, state, execution, ...execution() };
}

describe('PropertiesService', () => {
  it('getProperty returns the value set, or null if no such key exists (properties#getProperty)', () => {
    const { PropertiesService } = setup();
    const props = PropertiesService.getScriptProperties();
    expect(props.getProperty('missing')).toBeNull();
    props.setProperty('SERVER_URL', 'http://www.example.com/');
    expect(props.getProperty('SERVER_URL')).toBe('http://www.example.com/');
    expect(PropertiesService.getScriptProperties().getProperty('SERVER_URL')).toBe('http://www.example.com/');
  });

  it('stores every value as a string (guide: "Data types that are not already strings are automatically converted")', () => {
    const { PropertiesService } = setup();
    const props = PropertiesService.getScriptProperties();
    props.setProperty('n', 42 as unknown as string);
    props.setProperty('b', true as unknown as string);
    expect(props.getProperty('n')).toBe('42');
    expect(props.getProperty('b')).toBe('true');
  });

  it('setters return the store for chaining (properties#setProperty: "this Properties store, for chaining")', () => {
    const { PropertiesService } = setup();
    const props = PropertiesService.getUserProperties();
    expect(props.setProperty('a', '1').setProperty('b', '2').deleteProperty('a')).toBe(props);
    expect(props.getKeys()).toEqual(['b']);
  });

  it('getProperties returns a copy, not a live view (guide: "return a copy of the stored data")', () => {
    const { PropertiesService } = setup();
    const props = PropertiesService.getScriptProperties();
    props.setProperties({ a: '1', b: '2' });
    const copy = props.getProperties();
    copy.a = 'changed';
    expect(props.getProperty('a')).toBe('1');
    expect(copy).toEqual({ a: 'changed', b: '2' });
  });

  it('setProperties(properties, true) deletes all other keys (properties#setProperties: deleteAllOthers)', () => {
    const { PropertiesService } = setup();
    const props = PropertiesService.getScriptProperties();
    props.setProperties({ a: '1', b: '2' });
    props.setProperties({ c: '3' });
    expect(props.getProperties()).toEqual({ a: '1', b: '2', c: '3' });
    props.setProperties({ d: '4' }, true);
    expect(props.getProperties()).toEqual({ d: '4' });
  });

  it('deleteProperty and deleteAllProperties remove keys; getKeys lists them (properties#deleteAllProperties, #getKeys)', () => {
    const { PropertiesService } = setup();
    const props = PropertiesService.getScriptProperties();
    props.setProperties({ a: '1', b: '2', c: '3' });
    props.deleteProperty('b').deleteProperty('nothing');
    expect(props.getKeys().sort()).toEqual(['a', 'c']);
    props.deleteAllProperties();
    expect(props.getKeys()).toEqual([]);
    expect(props.getProperties()).toEqual({});
  });

  it('keeps script, user and document stores apart; user properties belong to the user (properties-service)', () => {
    const { execution, PropertiesService } = setup();
    PropertiesService.getScriptProperties().setProperty('k', 'script');
    PropertiesService.getUserProperties().setProperty('k', 'owner');
    PropertiesService.getDocumentProperties().setProperty('k', 'doc');
    const other = execution({ activeUser: 'ann@example.com', effectiveUser: 'ann@example.com' }).PropertiesService;
    expect(other.getScriptProperties().getProperty('k')).toBe('script');
    expect(other.getUserProperties().getProperty('k')).toBeNull();
    expect(other.getDocumentProperties().getProperty('k')).toBe('doc');
    expect(PropertiesService.getUserProperties().getProperty('k')).toBe('owner');
    const otherDoc = execution({ activeSpreadsheetId: 'ss-2' }).PropertiesService;
    expect(otherDoc.getDocumentProperties().getProperty('k')).toBeNull();
  });

  it('getDocumentProperties returns null when the script is not bound to a document (properties-service#getDocumentProperties)', () => {
    const { execution } = setup();
    expect(execution({ activeSpreadsheetId: '' }).PropertiesService.getDocumentProperties()).toBeNull();
  });

  it('refuses a value over 9 KB, counted in bytes (quotas: "Properties value size 9 KB / val")', () => {
    const { PropertiesService } = setup();
    const props = PropertiesService.getScriptProperties();
    props.setProperty('max', 'x'.repeat(9 * 1024));
    expect(props.getProperty('max')).toHaveLength(9216);
    expect(() => props.setProperty('over', 'x'.repeat(9 * 1024 + 1))).toThrow(VALUE_TOO_LARGE);
    // 'é' is two bytes in UTF-8: 4609 of them are 9218 bytes.
    expect(() => props.setProperty('wide', 'é'.repeat(4609))).toThrow('Argument too large: value');
    expect(() => props.setProperties({ ok: '1', big: 'x'.repeat(9217) })).toThrow(VALUE_TOO_LARGE);
    expect(props.getProperty('ok')).toBeNull();
    expect(props.getProperty('over')).toBeNull();
  });

  it('refuses to grow a store past 500 KB and keeps it unchanged (quotas: "Properties total storage 500 KB / property store")', () => {
    const { PropertiesService } = setup();
    const props = PropertiesService.getScriptProperties();
    const value = 'v'.repeat(9000);
    let i = 0;
    const fill = () => {
      for (;;) props.setProperty(`key${String(i++).padStart(3, '0')}`, value);
    };
    expect(fill).toThrow(PROPERTY_QUOTA_MESSAGE);
    expect(PROPERTY_QUOTA_MESSAGE).toBe('You have exceeded the property storage quota. Please remove some properties and try again.');
    const keys = props.getKeys();
    expect(keys).toHaveLength(i - 1);
    expect(keys.length * (9000 + 6)).toBeLessThanOrEqual(500 * 1024);
    // Other stores have their own 500 KB.
    PropertiesService.getUserProperties().setProperty('still', 'fine');
    // Freeing room makes writes possible again.
    props.deleteProperty(keys[0]);
    props.setProperty('again', value);
  });

  it('a key named __proto__ is an ordinary property', () => {
    const { PropertiesService } = setup();
    const props = PropertiesService.getScriptProperties();
    props.setProperty('__proto__', 'x');
    expect(props.getProperty('__proto__')).toBe('x');
    expect(props.getKeys()).toEqual(['__proto__']);
  });

  it('is durable once setProperty returns: project.json holds it, written atomically', () => {
    const { dataDir, PropertiesService } = setup();
    PropertiesService.getScriptProperties().setProperty('counter', '7');
    PropertiesService.getUserProperties().setProperty('theme', 'dark');
    expect(fs.readdirSync(dataDir)).toEqual([PROJECT_FILE]);
    const reopened = ProjectState.open(dataDir);
    expect(reopened.data.scriptProperties).toEqual({ counter: '7' });
    expect(reopened.data.userProperties['owner@example.com']).toEqual({ theme: 'dark' });
  });

  it('counts one service call per public method', () => {
    const { ctx, PropertiesService } = setup();
    const props = PropertiesService.getScriptProperties();
    props.setProperty('a', '1');
    props.getProperty('a');
    props.getProperty('a');
    expect(ctx.meter.calls).toEqual({
      'PropertiesService.getScriptProperties': 1,
      'Properties.setProperty': 1,
      'Properties.getProperty': 2,
    });
  });
});
