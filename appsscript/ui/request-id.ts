// Request ids for admin writes (common/admin-api.ts): made by the page per save, so a save sent again after a
// failure (a lost reply, a cut execution) is recognised by the server and done once.

/** 32 hex digits: within the schema's 8–64 letters, digits, - and _. */
export function newRequestId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One form's saves: the same request_id while the admin retries the very same save after a failure; a new
 * one once a save went through or the payload changed (then it is another save).
 */
export class SaveRequest {
  private last: { body: string; id: string } | null = null;

  idFor(payload: object): string {
    const body = JSON.stringify(payload);
    if (this.last?.body !== body) this.last = { body, id: newRequestId() };
    return this.last.id;
  }

  /** The save went through: the next one is a new request even with the same values. */
  done(): void {
    this.last = null;
  }
}
