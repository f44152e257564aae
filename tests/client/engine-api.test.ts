// The API client: how a request is sent, and how every kind of failure is classified.
import { describe, expect, it } from 'vitest';
import { createApiClient, type FetchLike } from '../../client/src/api/client.ts';
import { ApiError, AuthError, RetryLaterError, TransientError } from '../../client/src/api/errors.ts';
import { describeFailure, pickLanguage } from '../../client/src/api/messages.ts';

const URL = 'https://script.example/exec';
const state = { op: 'state', token: 'v1.abc' } as const;

function replying(body: string, status = 200): { fetch: FetchLike; calls: { url: string; init: RequestInit }[] } {
  const calls: { url: string; init: RequestInit }[] = [];
  return {
    calls,
    fetch: async (url, init) => {
      calls.push({ url, init });
      return new Response(body, { status });
    },
  };
}

async function failureOf(fetch: FetchLike): Promise<unknown> {
  return createApiClient({ url: URL, fetch }).call(state).then(
    () => expect.fail('the call should have failed'),
    (e: unknown) => e,
  );
}

describe('createApiClient', () => {
  it('POSTs the JSON body as text/plain (no CORS preflight) and returns the ok envelope', async () => {
    const { fetch, calls } = replying(JSON.stringify({ ok: true, server_time: 5, current: null, today: null, statuses: [] }));
    const reply = await createApiClient({ url: URL, fetch }).call(state);
    expect(reply.server_time).toBe(5);
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe(URL);
    expect(calls[0].init.method).toBe('POST');
    expect(new Headers(calls[0].init.headers).get('content-type')).toBe('text/plain;charset=utf-8');
    expect(JSON.parse(String(calls[0].init.body))).toEqual(state);
    expect(calls[0].init.redirect).toBe('follow');
  });

  it('a network error is transient', async () => {
    const e = await failureOf(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(e).toBeInstanceOf(TransientError);
    expect((e as TransientError).reason).toBe('network');
  });

  it('a reply that is not JSON (an Apps Script HTML page) is transient', async () => {
    const e = await failureOf(replying('<html>There are too many scripts running simultaneously</html>').fetch);
    expect(e).toBeInstanceOf(TransientError);
    expect((e as TransientError).reason).toBe('not_json');
  });

  it('HTTP 5xx is transient even with a JSON body', async () => {
    const e = await failureOf(replying(JSON.stringify({ ok: true }), 503).fetch);
    expect(e).toBeInstanceOf(TransientError);
    expect((e as TransientError).status).toBe(503);
  });

  it('JSON that is not an envelope is transient', async () => {
    const e = await failureOf(replying('[1,2]').fetch);
    expect(e).toBeInstanceOf(TransientError);
    expect((e as TransientError).reason).toBe('bad_envelope');
  });

  it('busy is "retry later" without a time; rate_limited carries retry_after_s', async () => {
    const busy = await failureOf(replying(JSON.stringify({ ok: false, error: { code: 'busy', message: 'busy / занят' } })).fetch);
    expect(busy).toBeInstanceOf(RetryLaterError);
    expect((busy as RetryLaterError).retryAfterMs).toBeNull();
    const limited = await failureOf(
      replying(JSON.stringify({ ok: false, error: { code: 'rate_limited', message: 'try again in 10 min / повторите через 10 мин.', details: { retry_after_s: 600 } } })).fetch,
    );
    expect(limited).toBeInstanceOf(RetryLaterError);
    expect((limited as RetryLaterError).retryAfterMs).toBe(600_000);
    expect(describeFailure(limited, 'ru')).toBe('повторите через 10 мин.');
  });

  it('unauthorized is an AuthError with its reason', async () => {
    const e = await failureOf(replying(JSON.stringify({ ok: false, error: { code: 'unauthorized', message: 'x / х', details: { reason: 'expired' } } })).fetch);
    expect(e).toBeInstanceOf(AuthError);
    expect((e as AuthError).reason).toBe('expired');
    expect(describeFailure(e, 'en')).toMatch(/expired/);
  });

  it('other codes are permanent ApiErrors carrying the envelope error', async () => {
    const e = await failureOf(replying(JSON.stringify({ ok: false, error: { code: 'forbidden', message: 'Not yours / Не ваше', details: { a: 1 } } })).fetch);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe('forbidden');
    expect((e as ApiError).details).toEqual({ a: 1 });
    expect(describeFailure(e, 'ru')).toBe('Не ваше');
    expect(describeFailure(e, 'en')).toBe('Not yours');
  });

  it('dev builds check requests with the shared schemas before sending anything', async () => {
    const { fetch, calls } = replying('{"ok":true}');
    const api = createApiClient({ url: URL, fetch });
    const e = await api.call({ op: 'login.start', email: 'not an email', device_id: 'd1' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).message).toMatch(/email/);
    expect(calls).toHaveLength(0);
    // With the check off (a production build), the server is the one to refuse.
    await createApiClient({ url: URL, fetch, check: null }).call({ op: 'login.start', email: 'not an email', device_id: 'd1' });
    expect(calls).toHaveLength(1);
  });
});

describe('pickLanguage', () => {
  it('takes the half of "English / Русский" in the page language, and leaves other texts alone', () => {
    expect(pickLanguage('Unknown status "x" / Неизвестный статус «x»', 'ru')).toBe('Неизвестный статус «x»');
    expect(pickLanguage('Unknown status "x" / Неизвестный статус «x»', 'en')).toBe('Unknown status "x"');
    expect(pickLanguage('a / b', 'ru')).toBe('a / b');
    expect(pickLanguage('plain', 'ru')).toBe('plain');
  });
});
