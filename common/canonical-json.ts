// The bytes the bot and the server sign (common/bot-api.ts): JSON with the keys of every object sorted
// (code-unit order), no spaces, undefined members left out. Both sides compute it from the parsed value, so
// the sender's key order and whitespace do not matter. Written out by hand rather than through
// JSON.stringify of a re-keyed object, which would put integer-like keys ("0") first whatever the sort.
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    // undefined, functions and symbols have no JSON form; in an array JSON.stringify writes null for them.
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}
