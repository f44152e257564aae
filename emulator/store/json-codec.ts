// Lossless JSON for what the store writes as text (journal lines, the manifest's layouts).
// Plain JSON would turn a Date into a string and an open-ended format rule's Infinity into null, so a
// replayed op would differ from the applied one. Cell values and ops never contain plain objects with a
// '$date' or '$num' key, which makes the tagged forms below unambiguous.

type Tagged = { $date: number | null } | { $num: 'Infinity' | '-Infinity' | 'NaN' };

function isDate(v: unknown): v is Date {
  // Dates from a vm context are not instanceof this realm's Date.
  return v instanceof Date || Object.prototype.toString.call(v) === '[object Date]';
}

function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  // JSON.stringify has already called Date#toJSON on `value`; the holder still has the Date.
  const raw = this[key];
  if (isDate(raw)) {
    const ms = raw.getTime();
    return { $date: Number.isNaN(ms) ? null : ms } satisfies Tagged;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return { $num: String(value) } as Tagged;
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length !== 1) return value;
  if (keys[0] === '$date') return new Date(o.$date === null ? NaN : (o.$date as number));
  if (keys[0] === '$num') return Number(o.$num);
  return value;
}

export function encodeJson(value: unknown, space?: number): string {
  return JSON.stringify(value, replacer, space);
}

export function decodeJson<T = unknown>(text: string): T {
  return JSON.parse(text, reviver) as T;
}
