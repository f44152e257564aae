// The web-app API's ops on the one dispatcher (http/dispatch.ts): the employee page's requests.
import type * as v from 'valibot';
import type { Envelope } from '../../../common/envelope.ts';
import { requestSchemas, type KnownOp } from '../../../common/schemas.ts';
import { dispatchBody } from './dispatch.ts';

type Parsed<K extends KnownOp> = v.InferOutput<(typeof requestSchemas)[K]>;
export type Handlers = { [K in KnownOp]: (req: Parsed<K>) => object };

export function handleApi(body: string, handlers: Handlers, log: (message: string) => void): Envelope<object> {
  return dispatchBody<KnownOp>(body, { schemas: requestSchemas, handle: (op, req) => (handlers[op] as (r: unknown) => object)(req) }, log);
}
