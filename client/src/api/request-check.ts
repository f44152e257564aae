// Dev builds check every request against the schemas the server validates with (common/schemas.ts), so a
// request the server would refuse as bad_request fails here, naming the field, before it is sent.
import * as v from 'valibot';
import type { ApiRequest } from '../../../common/api.ts';
import { describeIssues, requestSchemas } from '../../../common/schemas.ts';
import { ApiError } from './errors.ts';

export function checkRequest(body: ApiRequest): void {
  const result = v.safeParse(requestSchemas[body.op], body);
  if (!result.success) throw new ApiError('bad_request', describeIssues(result.issues), { checked_by: 'client' });
}
