// Dates and times in the spreadsheet's time zone, through Utilities (Apps Script has no reliable Intl).
export interface Calendar {
  timeZone: string;
  /** 'yyyy-MM-dd' of an instant. */
  dateOf(ms: number): string;
  /** The instant of a wall-clock time on a date. */
  zonedTime(date: string, time: string): number;
  format(ms: number, pattern: string): string;
}

export function calendarFor(timeZone: string): Calendar {
  return {
    timeZone,
    dateOf: (ms) => Utilities.formatDate(new Date(ms), timeZone, 'yyyy-MM-dd'),
    zonedTime: (date, time) => Utilities.parseDate(`${date} ${time}`, timeZone, 'yyyy-MM-dd HH:mm').getTime(),
    format: (ms, pattern) => Utilities.formatDate(new Date(ms), timeZone, pattern),
  };
}
