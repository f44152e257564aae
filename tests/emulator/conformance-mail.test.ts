// MailApp against developers.google.com/apps-script/reference/mail/mail-app and guides/services/quotas.
// No mail leaves the machine: it lands in deps.mailbox and <dataDir>/mail.jsonl.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Clock } from '../../emulator/clock.ts';
import { createDirectContext } from '../../emulator/runtime/direct.ts';
import type { ExecutionInfo } from '../../emulator/runtime/contracts.ts';
import type { HostDeps, HostService } from '../../emulator/host/deps.ts';
import { MemoryWorkbookStore } from '../../emulator/model/memory-store.ts';
import { createMailHost, MAIL_FILE, MAIL_QUOTA_MESSAGE } from '../../emulator/host/mail.ts';
import { createMailApp, NO_RECIPIENT } from '../../emulator/gas/mail-app.ts';

function crossing(service: HostService): HostService {
  const out: HostService = {};
  for (const [m, fn] of Object.entries(service)) out[m] = (exec, ...args) => structuredClone(fn(exec, ...structuredClone(args)));
  return out;
}

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

function setup(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wtt-mail-')), dailyRecipients?: number) {
  const clock = new Clock();
  clock.set(T0, { frozen: true });
  const deps: HostDeps = {
    clock,
    workbooks: new MemoryWorkbookStore(),
    dataDir,
    bundleDir: dataDir,
    ownerEmail: 'owner@example.com',
    mailbox: [],
    fetches: [],
    webAppUrl: '',
  };
  const host = { mail: crossing(createMailHost(deps, { dailyRecipients })) };
  const execution = (exec: Partial<ExecutionInfo> = {}) => {
    const ctx = createDirectContext(host, { exec, clock });
    return { ctx, MailApp: createMailApp(ctx) };
  };
  return { dataDir, clock, deps, execution, ...execution() };
}

describe('MailApp', () => {
  it('sendEmail(recipient, subject, body) delivers from the effective user (mail-app#sendEmail(String,String,String))', () => {
    const { MailApp, deps } = setup();
    MailApp.sendEmail('ann@example.com', 'Shift report', 'All good.');
    expect(deps.mailbox).toEqual([{ at: T0, from: 'owner@example.com', to: 'ann@example.com', subject: 'Shift report', body: 'All good.' }]);
  });

  it('takes the advanced options: cc, bcc, htmlBody, name, replyTo (mail-app#sendEmail(String,String,String,Object))', () => {
    const { MailApp, deps, dataDir } = setup();
    MailApp.sendEmail('ann@example.com', 'Hi', 'plain', {
      cc: 'bob@example.com',
      bcc: 'boss@example.com',
      htmlBody: '<b>html</b>',
      name: 'Tracker',
      replyTo: 'support@example.com',
    });
    expect(deps.mailbox[0]).toEqual({
      at: T0,
      from: 'owner@example.com',
      to: 'ann@example.com',
      subject: 'Hi',
      body: 'plain',
      htmlBody: '<b>html</b>',
      name: 'Tracker',
      replyTo: 'support@example.com',
    });
    const line = JSON.parse(fs.readFileSync(path.join(dataDir, MAIL_FILE), 'utf8').trim());
    expect(line).toMatchObject({ cc: 'bob@example.com', bcc: 'boss@example.com', recipients: 3 });
  });

  it('sendEmail(message) and sendEmail(to, replyTo, subject, body) (mail-app#sendEmail(Object), #sendEmail(String,String,String,String))', () => {
    const { MailApp, deps } = setup();
    MailApp.sendEmail({ to: 'ann@example.com, bob@example.com', subject: 'Obj', body: 'b', htmlBody: '<i>b</i>' });
    MailApp.sendEmail('ann@example.com', 'reply@example.com', 'Four', 'strings');
    expect(deps.mailbox.map((m) => [m.to, m.subject, m.replyTo, m.htmlBody])).toEqual([
      ['ann@example.com,bob@example.com', 'Obj', undefined, '<i>b</i>'],
      ['ann@example.com', 'Four', 'reply@example.com', undefined],
    ]);
  });

  it('fails without a recipient ("Failed to send email: no recipient") and on an invalid address ("Invalid email: ...")', () => {
    const { MailApp, deps } = setup();
    expect(() => MailApp.sendEmail('', 'S', 'B')).toThrow(NO_RECIPIENT);
    expect(() => MailApp.sendEmail({ subject: 'S', body: 'B' } as GoogleAppsScript.Mail.MailAdvancedParameters)).toThrow('Failed to send email: no recipient');
    expect(() => MailApp.sendEmail('not-an-address', 'S', 'B')).toThrow('Invalid email: not-an-address');
    expect(() => MailApp.sendEmail('ann@example.com', 'S', 'B', { cc: 'bad@' })).toThrow('Invalid email: bad@');
    expect(deps.mailbox).toEqual([]);
  });

  it('counts every recipient against the daily quota (quotas: "Email recipients per day"; mail-app#getRemainingDailyQuota)', () => {
    const { MailApp, clock } = setup(undefined, 5);
    expect(MailApp.getRemainingDailyQuota()).toBe(5);
    MailApp.sendEmail('a@example.com,b@example.com', 'S', 'B', { cc: 'c@example.com' });
    expect(MailApp.getRemainingDailyQuota()).toBe(2);
    expect(() => MailApp.sendEmail('a@example.com,b@example.com,c@example.com', 'S', 'B')).toThrow(MAIL_QUOTA_MESSAGE);
    expect(MAIL_QUOTA_MESSAGE).toBe('Service invoked too many times for one day: email.');
    MailApp.sendEmail('a@example.com,b@example.com', 'S', 'B');
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    // The quota frees up as the day rolls on (emulated clock).
    clock.advance(24 * 3600 * 1000);
    expect(MailApp.getRemainingDailyQuota()).toBe(5);
  });

  it('keeps sent mail across restarts: mail.jsonl is read back into the mailbox, and the quota remembers it', () => {
    const first = setup(undefined, 10);
    first.MailApp.sendEmail('ann@example.com', 'One', '1');
    first.MailApp.sendEmail('bob@example.com', 'Two', '2');
    // A crash mid-append leaves half a line; it is skipped and does not swallow the next message.
    fs.appendFileSync(path.join(first.dataDir, MAIL_FILE), '{"at":1,"fro');
    const second = setup(first.dataDir, 10);
    expect(second.deps.mailbox.map((m) => m.subject)).toEqual(['One', 'Two']);
    expect(second.MailApp.getRemainingDailyQuota()).toBe(8);
    second.MailApp.sendEmail('ann@example.com', 'Three', '3');
    const third = setup(first.dataDir, 10);
    expect(third.deps.mailbox.map((m) => m.subject)).toEqual(['One', 'Two', 'Three']);
  });

  it('counts one service call per public method', () => {
    const { ctx, MailApp } = setup();
    MailApp.sendEmail('ann@example.com', 'S', 'B');
    MailApp.getRemainingDailyQuota();
    expect(ctx.meter.calls).toEqual({ 'MailApp.sendEmail': 1, 'MailApp.getRemainingDailyQuota': 1 });
  });
});
