// The time zones a form suggests (a person's zone, the spreadsheet's): the browser's own list, asked once.
// A browser without Intl.supportedValuesOf suggests nothing; the field still takes what is typed.
let zones: string[] | null = null;

export function timeZones(): string[] {
  if (zones === null) {
    try {
      zones = Intl.supportedValuesOf('timeZone');
    } catch {
      zones = [];
    }
  }
  return zones;
}
