// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { createRpc } from '../../appsscript/ui/rpc.ts';
import { AdminError } from '../../appsscript/ui/rpc-error.ts';
import { SaveRequest } from '../../appsscript/ui/request-id.ts';
import { setLang } from '../../appsscript/ui/i18n/locale.ts';
import { ADMIN, FakeScriptRun, fail, ok, person } from './fake-script-run.ts';

function client(fake: FakeScriptRun) {
  const waits: number[] = [];
  const call = createRpc({ run: () => fake.runner(), sleep: async (ms) => void waits.push(ms), retryDelaysMs: [10, 20, 30] });
  return { call, waits };
}

const save = { name: 'Anna Ivanova', email: 'anna.ivanova@example.com', group: 'support', role: 'employee' as const };

async function failure(p: Promise<unknown>): Promise<AdminError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AdminError);
    return e as AdminError;
  }
  throw new Error('the call did not fail');
}

describe('the admin rpc client', () => {
  beforeEach(() => setLang('en'));

  it('answers the reply without the envelope', async () => {
    const fake = new FakeScriptRun().on('people.list', () => ok('people.list', { rows: [person()], groups: ['support'], viewer: ADMIN }));
    const reply = await client(fake).call('people.list', {});
    expect(reply).toEqual({ rows: [person()], groups: ['support'], viewer: ADMIN });
    expect(fake.calls).toEqual([{ op: 'people.list', payload: {} }]);
  });

  it('gives a write a request_id, and only a write', async () => {
    const fake = new FakeScriptRun()
      .on('people.save', () => ok('people.save', { record: person(), created: true }))
      .on('groups.list', () => ok('groups.list', { rows: [], rule_sets: [], viewer: ADMIN }));
    const { call } = client(fake);
    await call('people.save', save);
    await call('groups.list', {});
    expect(fake.callsOf('people.save')[0].request_id).toMatch(/^[0-9a-f]{32}$/);
    expect(fake.callsOf('groups.list')[0]).toEqual({});
  });

  it('retries busy with the same request_id until it goes through', async () => {
    let n = 0;
    const fake = new FakeScriptRun().on('people.save', () =>
      ++n < 3 ? fail('busy', 'The spreadsheet is busy; try again / Таблица занята; повторите') : ok('people.save', { record: person(), created: true }),
    );
    const { call, waits } = client(fake);
    const reply = await call('people.save', save);
    expect(reply.created).toBe(true);
    const ids = fake.callsOf('people.save').map((p) => p.request_id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
    expect(waits).toEqual([10, 20]);
  });

  it('retries an internal failure and a call that got no answer, keeping the request_id the caller gave', async () => {
    const answers = [
      () => fail('internal', 'Something went wrong on the server; try again / Ошибка на сервере; повторите попытку'),
      () => {
        throw new Error('NetworkError: Connection failure due to HTTP 0');
      },
      () => ok('people.revoke', { record: person({ token_version: 1 }) }),
    ];
    const fake = new FakeScriptRun().on('people.revoke', () => answers.shift()!());
    const reply = await client(fake).call('people.revoke', { id: 'e001', request_id: 'req-000000001' });
    expect(reply.record.token_version).toBe(1);
    expect(fake.callsOf('people.revoke').map((p) => p.request_id)).toEqual(['req-000000001', 'req-000000001', 'req-000000001']);
  });

  it('does not retry forbidden, whether answered in the envelope or thrown by the caller guard', async () => {
    const refused = new FakeScriptRun().on('people.list', () => fail('forbidden', 'You do not lead the group sales / Вы не руководите группой sales'));
    const e1 = await failure(client(refused).call('people.list', {}));
    expect(e1.code).toBe('forbidden');
    expect(refused.calls).toHaveLength(1);

    const guarded = new FakeScriptRun().on('people.list', () => {
      throw new Error('CallerRefused: forbidden: Only an admin or a group lead may use adminRpc / adminRpc доступно только администратору или руководителю группы');
    });
    const e2 = await failure(client(guarded).call('people.list', {}));
    expect(e2.code).toBe('forbidden');
    expect(e2.message).toBe('Only an admin or a group lead may use adminRpc');
    expect(guarded.calls).toHaveLength(1);
  });

  it('gives up after its retries with the last failure', async () => {
    const fake = new FakeScriptRun().on('people.list', () => fail('busy', 'Busy / Занято'));
    const { call, waits } = client(fake);
    const e = await failure(call('people.list', {}));
    expect(e.code).toBe('busy');
    expect(fake.calls).toHaveLength(4);
    expect(waits).toEqual([10, 20, 30]);
  });

  it('says the message in the page\'s language and carries the field problems', async () => {
    const fake = new FakeScriptRun().on('people.save', () =>
      fail('bad_request', 'Invalid people.save request: email / Неверный запрос people.save: email', { fields: [{ field: 'email', message: 'not an email address' }] }),
    );
    setLang('ru');
    const e = await failure(client(fake).call('people.save', save));
    expect(e.code).toBe('bad_request');
    expect(e.message).toBe('Неверный запрос people.save: email');
    expect(e.messageIn('en')).toBe('Invalid people.save request: email');
    expect(e.fields).toEqual([{ field: 'email', message: 'not an email address' }]);
  });

  it('a conflict carries the record as it is now', async () => {
    const now = person({ name: 'Anna Petrova', version: 'v2' });
    const fake = new FakeScriptRun().on('people.save', () => fail('conflict', 'Changed / Изменено', { current: now }));
    const e = await failure(client(fake).call('people.save', { ...save, id: 'e001', version: 'v1' }));
    expect(e.code).toBe('conflict');
    expect(e.current).toEqual(now);
  });

  it('finds a bad field before sending anything, with the path the server would use', async () => {
    const fake = new FakeScriptRun();
    const e = await failure(client(fake).call('groups.save', { name: 'support', lead_emails: ['lead@example.com', 'not-an-email'], max_concurrent_breaks: -1 }));
    expect(e.code).toBe('bad_request');
    expect(e.fields).toEqual(
      expect.arrayContaining([
        { field: 'lead_emails[1]', message: 'not an email address' },
        { field: 'max_concurrent_breaks', message: 'not negative' },
      ]),
    );
    expect(fake.calls).toEqual([]);
  });

  it('an answer that is no envelope is an internal failure, not a success', async () => {
    const fake = new FakeScriptRun().on('groups.list', () => 'Sheet1: 0 rows');
    const e = await failure(client(fake).call('groups.list', {}));
    expect(e.code).toBe('internal');
  });
});

describe('a save\'s request_id', () => {
  it('stays while the same save is tried again, and changes for a new save', () => {
    const r = new SaveRequest();
    const first = r.idFor({ name: 'a' });
    expect(r.idFor({ name: 'a' })).toBe(first);
    const edited = r.idFor({ name: 'b' });
    expect(edited).not.toBe(first);
    r.done();
    expect(r.idFor({ name: 'b' })).not.toBe(edited);
  });
});
