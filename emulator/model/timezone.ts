// Wall-clock time in a named time zone, and Sheets' serial day numbers.
// Sheets keeps dates as days since 1899-12-30 in the SPREADSHEET's time zone; Apps Script hands them to
// scripts as instants. "Wall ms" below is a wall-clock time encoded as if it were UTC, so the UTC getters
// of a Date read its year, month, day and hour in the zone.

const DAY_MS = 86_400_000;
/** Day 0 of Sheets' serial numbers, as wall ms. */
export const SERIAL_EPOCH_WALL_MS = Date.UTC(1899, 11, 30);

const formatters = new Map<string, Intl.DateTimeFormat>();
// Zone offsets only change on quarter-hour boundaries, so one lookup serves a whole quarter hour:
// formatting 500k dates of one day costs a handful of Intl calls.
const QUARTER_HOUR_MS = 900_000;
const offsetCache = new Map<string, Map<number, number>>();
const OFFSET_CACHE_LIMIT = 50_000;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone (Sheets accepts only IANA names). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at instant `ms` (wall = ms + offset). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const bucket = Math.floor(ms / QUARTER_HOUR_MS);
  let cache = offsetCache.get(timeZone);
  if (!cache) offsetCache.set(timeZone, (cache = new Map()));
  const hit = cache.get(bucket);
  if (hit !== undefined) return hit;
  const at = bucket * QUARTER_HOUR_MS;
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(at))) parts[p.type] = p.value;
  let year = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
  const wall = Date.UTC(year, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  // Date.UTC maps years 0..99 to 1900..1999; correct it for the rare tiny years.
  const fixed = year >= 0 && year < 100 ? setUtcYear(wall, year) : wall;
  const offset = fixed - at;
  if (cache.size > OFFSET_CACHE_LIMIT) cache.clear();
  cache.set(bucket, offset);
  return offset;
}

function setUtcYear(ms: number, year: number): number {
  const d = new Date(ms);
  d.setUTCFullYear(year);
  return d.getTime();
}

export function toWallMs(ms: number, timeZone: string): number {
  return ms + zoneOffsetMs(ms, timeZone);
}

/** The instant at which the zone's clocks show `wallMs` (in a DST gap, the later side). */
export function fromWallMs(wallMs: number, timeZone: string): number {
  const first = zoneOffsetMs(wallMs, timeZone);
  const guess = wallMs - first;
  const second = zoneOffsetMs(guess, timeZone);
  return second === first ? guess : wallMs - second;
}

/** Sheets' serial number (days since 1899-12-30, local) of an instant. */
export function serialFromMs(ms: number, timeZone: string): number {
  return (toWallMs(ms, timeZone) - SERIAL_EPOCH_WALL_MS) / DAY_MS;
}

export function wallMsFromSerial(serial: number): number {
  return SERIAL_EPOCH_WALL_MS + serial * DAY_MS;
}
