import type { BusinessHours } from '@warmdesk/protocol';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** Building a formatter costs far more than using one: one per time zone, kept. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock date, weekday and minute of the day of `at` in a time zone. */
function localTime(at: Date, timeZone: string): { date: string; weekday: (typeof WEEKDAYS)[number]; minute: number } {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const weekday = (parts.weekday ?? 'Sun').toLowerCase().slice(0, 3) as (typeof WEEKDAYS)[number];
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether the inbox is within its business hours at `at` (always, when they are not enabled). */
export function isWithinBusinessHours(hours: BusinessHours, at: Date = new Date()): boolean {
  if (!hours.enabled) return true;
  const local = localTime(at, hours.timezone);
  if (hours.holidays.includes(local.date)) return false;
  return (hours.weekly[local.weekday] ?? []).some(
    ([from, to]) => local.minute >= minutes(from) && local.minute < minutes(to),
  );
}

/** Milliseconds the time zone is ahead of UTC at `at`. */
function offsetMs(at: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(at))
      .map((p) => [p.type, Number(p.value)]),
  );
  const asUtc = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The instant a wall-clock minute of a local date (YYYY-MM-DD) happens in a time zone. */
function zonedInstant(date: string, minute: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 0, minute);
  const first = guess - offsetMs(guess, timeZone);
  // Across a daylight-saving change the offset at the result differs from the guess's; one correction settles it.
  return new Date(guess - offsetMs(first, timeZone));
}

const addDays = (date: string, days: number) => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
};

/**
 * When the inbox next opens after `at` (`at` itself when open now); null when it never opens within 60 days
 * (no weekly hours, or holidays covering them).
 */
export function nextOpening(hours: BusinessHours, at: Date = new Date()): Date | null {
  if (isWithinBusinessHours(hours, at)) return at;
  const today = localTime(at, hours.timezone).date;
  for (let day = 0; day < 60; day++) {
    const date = addDays(today, day);
    if (hours.holidays.includes(date)) continue;
    const weekday = WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()] ?? 'sun';
    const starts = (hours.weekly[weekday] ?? []).map(([from]) => minutes(from)).sort((a, b) => a - b);
    for (const start of starts) {
      const opening = zonedInstant(date, start, hours.timezone);
      if (opening.getTime() > at.getTime()) return opening;
    }
  }
  return null;
}
