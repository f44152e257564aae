// Which reply belongs to which request, so `call` is typed by the request's `op`.
import type {
  ApiRequest,
  LinkCodeReply,
  LoginFinishReply,
  LoginStartReply,
  StateReply,
  SyncReply,
} from '../../../common/api.ts';

export interface ReplyByOp {
  'login.start': LoginStartReply;
  'login.finish': LoginFinishReply;
  sync: SyncReply;
  state: StateReply;
  'link.code': LinkCodeReply;
}

/** The successful envelope of a request: `{ ok: true, ...reply }`. */
export type OkReplyOf<R extends ApiRequest> = { ok: true } & ReplyByOp[R['op']];
