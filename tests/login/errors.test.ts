import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/errors.ts';
import {
  ApiFailure,
  BadRequest,
  Busy,
  Conflict,
  Forbidden,
  Internal,
  isApiFailure,
  NotFound,
  RateLimited,
  toApiError,
  Unauthorized,
} from '../../appsscript/src/errors.ts';

describe('API errors', () => {
  it('has one class per code of the closed list, each with a bilingual message', () => {
    const all: ApiFailure[] = [
      new BadRequest('Bad', 'Плохо'),
      new Unauthorized('expired', 'Expired', 'Истёк'),
      new Forbidden('No', 'Нет'),
      new NotFound('Missing', 'Нет такого'),
      new Conflict('Clash', 'Конфликт'),
      new RateLimited(1500, 'Slow down', 'Помедленнее'),
      new Busy('Busy', 'Занято'),
      new Internal('Oops', 'Ой'),
    ];
    expect(all.map((e) => e.code).sort()).toEqual([...ERROR_CODES].sort());
    for (const e of all) {
      expect(e).toBeInstanceOf(Error);
      expect(isApiFailure(e)).toBe(true);
      expect(e.message).toBe(`${e.english} / ${e.russian}`);
      expect(e.name).toBe(e.constructor.name);
    }
  });

  it('carries details into the envelope error: the reason of Unauthorized, the wait of RateLimited', () => {
    expect(toApiError(new Unauthorized('revoked', 'Revoked', 'Отозван'))).toEqual({ code: 'unauthorized', message: 'Revoked / Отозван', details: { reason: 'revoked' } });
    const r = new RateLimited(1500, 'Slow down', 'Помедленнее');
    expect(r.retryAfterMs).toBe(1500);
    expect(toApiError(r)).toEqual({ code: 'rate_limited', message: 'Slow down / Помедленнее', details: { retry_after_s: 2 } });
    expect(toApiError(new BadRequest('Bad', 'Плохо'))).toEqual({ code: 'bad_request', message: 'Bad / Плохо' });
    expect(toApiError(new BadRequest('Bad', 'Плохо', { field: 'email' })).details).toEqual({ field: 'email' });
  });

  it('turns anything else into internal without passing its text on', () => {
    for (const thrown of [new Error('Range A1:B2 of Employees: secret@x'), 'text', null]) {
      const e = toApiError(thrown);
      expect(e.code).toBe('internal');
      expect(e.message).not.toMatch(/secret|Range|text/);
      expect(e.message).toMatch(/ \/ /);
    }
  });
});
