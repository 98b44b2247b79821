import type { BusinessHours } from '@warmdesk/protocol';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** The wall-clock date, weekday and minute of the day of `at` in a time zone. */
function localTime(at: Date, timeZone: string): { date: string; weekday: (typeof WEEKDAYS)[number]; minute: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
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
