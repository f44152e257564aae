// Which reply belongs to which request, so `call` is typed by the request's `op`.
import type {
  ApiRequest,
  LinkCodeReply,
  RemindersReply,
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
  'reminders.list': RemindersReply;
  'reminders.save': RemindersReply;
}

/** The successful envelope of a request: `{ ok: true, ...reply }`. */
export type OkReplyOf<R extends ApiRequest> = { ok: true } & ReplyByOp[R['op']];
