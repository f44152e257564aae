// The local runtime models who calls as Apps Script does (issue 8, point 1): a page the web app serves runs
// google.script.run as its anonymous visitor; POST /_dev/run/NAME takes "as" (absent: the owner); the
// /admin page's sidebars run as whoever /admin?as= names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProductServer, type ProductServer } from '../integration/server-harness.ts';

let server: ProductServer;
beforeAll(async () => {
  server = await startProductServer();
});
afterAll(async () => {
  await server?.close();
});

describe('who calls, in the local runtime', () => {
  it('bridges google.script.run on the web app\'s pages as an anonymous visitor', async () => {
    const page = await (await fetch(`${server.base}/exec`)).text();
    expect(page).toContain('<script src="/_dev/bridge.js?as="></script>');
    const bridge = await (await fetch(`${server.base}/_dev/bridge.js?as=`)).text();
    expect(bridge).toContain('var AS = "";');
    expect(await (await fetch(`${server.base}/_dev/bridge.js`)).text()).toContain('var AS = undefined;');
  });

  it('runs /_dev/run as the owner unless told otherwise; an anonymous or employee caller is refused', async () => {
    const anonymous = await server.dev<{ ok: boolean; error?: string }>('/run/installTriggers', { as: '' });
    expect(anonymous.ok).toBe(false);
    expect(anonymous.error).toMatch(/forbidden: /);
    const employee = await server.dev<{ ok: boolean; error?: string }>('/rpc/adminRpc', { args: ['people.list', {}], as: 'james.carter@example.com' });
    expect(employee.error).toMatch(/forbidden: /);
    const owner = await server.dev<{ ok: boolean; value: { ok: boolean; rows: unknown[] } }>('/rpc/adminRpc', { args: ['people.list', {}] });
    expect(owner.ok).toBe(true);
    expect(owner.value.rows.length).toBe(30);
  });
});
