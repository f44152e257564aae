// Sends an alert to its Telegram chat exactly once per alert_id, whether it came by push, by pull, or both
// at the same time: delivered ids are on disk, deliveries in progress are shared.
import { GrammyError, HttpError, InlineKeyboard, type Api } from 'grammy';
import type { Alert, AlertReceipt } from '../../common/bot-api.ts';
import { describeError, type Logger } from '../log.ts';
import { parseAlert } from './alert-schema.ts';
import type { DeliveredStore, PostedMessage } from './delivered-store.ts';

export class AlertDelivery {
  private readonly inFlight = new Map<string, Promise<AlertReceipt>>();

  constructor(
    private readonly api: Api,
    private readonly store: DeliveredStore,
    private readonly log: Logger,
  ) {}

  /** Never throws: a failure is a receipt with delivered=false and Telegram's reason. */
  deliver(alert: Alert): Promise<AlertReceipt> {
    if (this.store.has(alert.alert_id)) return Promise.resolve({ alert_id: alert.alert_id, delivered: true });
    const running = this.inFlight.get(alert.alert_id);
    if (running) return running;
    // The id leaves inFlight only after send() has recorded it in the store, so no second send can slip in.
    const p = this.send(alert).finally(() => this.inFlight.delete(alert.alert_id));
    this.inFlight.set(alert.alert_id, p);
    return p;
  }

  /** An alert straight off the wire: checked first. null when it has no alert_id to answer for. */
  async deliverRaw(raw: unknown): Promise<AlertReceipt | null> {
    const parsed = parseAlert(raw);
    if (parsed.ok) return this.deliver(parsed.alert);
    this.log.warn(`refused an alert (${parsed.alert_id ?? 'no alert_id'}): ${parsed.error}`);
    return parsed.alert_id === null ? null : { alert_id: parsed.alert_id, delivered: false, error: parsed.error };
  }

  /** Resolves when every delivery in progress has finished (for a clean stop). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.inFlight.values()]);
  }

  private async send(alert: Alert): Promise<AlertReceipt> {
    // An alert that rewrites another waits for that one, when both came in the same batch.
    if (alert.edit_of) await this.inFlight.get(alert.edit_of);
    let posted: PostedMessage;
    try {
      posted = await this.sendTo(alert.chat_id, alert);
    } catch (err) {
      const migratedTo = err instanceof GrammyError ? err.parameters.migrate_to_chat_id : undefined;
      if (migratedTo === undefined) return { alert_id: alert.alert_id, delivered: false, error: telegramReason(err) };
      // A group that became a supergroup has a new id: deliver there, and tell the admin to update the sheet.
      this.log.warn(`chat ${alert.chat_id} is now ${migratedTo}: update telegram_chat_id in the Groups or Employees tab`);
      try {
        posted = await this.sendTo(String(migratedTo), alert);
      } catch (retryErr) {
        return { alert_id: alert.alert_id, delivered: false, error: telegramReason(retryErr) };
      }
    }
    try {
      this.store.add(alert.alert_id, posted);
    } catch (err) {
      // The message is out; saying "failed" would make the server send it again.
      this.log.error(`alert ${alert.alert_id} was delivered but could not be recorded: ${describeError(err)}`);
    }
    return { alert_id: alert.alert_id, delivered: true };
  }

  private async sendTo(chatId: string, alert: Alert): Promise<PostedMessage> {
    const edited = alert.edit_of ? await this.edit(alert.edit_of, alert.text) : null;
    if (edited) return edited;
    const buttons = alert.buttons ?? [];
    const sent = await this.api.sendMessage(chatId, alert.text, {
      reply_markup: buttons.length > 0 ? InlineKeyboard.from([buttons.map((b) => InlineKeyboard.text(b.text, b.data))]) : undefined,
      link_preview_options: { is_disabled: true },
      // A login code must not be forwarded out of the employee's own chat.
      protect_content: alert.kind === 'login_code' ? true : undefined,
    });
    return { chat_id: String(sent.chat.id), message_id: sent.message_id };
  }

  /**
   * Rewrites the message an earlier alert was posted as (its buttons go: editing the text drops them). null
   * when that message is not known here or Telegram refuses the edit (deleted, too old): the caller then
   * posts the text as a new message, so the lead chat learns the decision either way.
   */
  private async edit(alertId: string, text: string): Promise<PostedMessage | null> {
    const message = this.store.messageOf(alertId);
    if (!message) return null;
    try {
      await this.api.editMessageText(message.chat_id, message.message_id, text, { link_preview_options: { is_disabled: true } });
      return message;
    } catch (err) {
      if (err instanceof GrammyError && /message is not modified/i.test(err.description)) return message;
      this.log.warn(`could not rewrite the message of alert ${alertId}, posting anew: ${telegramReason(err)}`);
      return null;
    }
  }
}

function telegramReason(err: unknown): string {
  if (err instanceof GrammyError) return `Telegram ${err.error_code}: ${err.description}`;
  if (err instanceof HttpError) return `Telegram unreachable: ${describeError(err.error)}`;
  return describeError(err);
}
