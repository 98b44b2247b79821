import dayjs, { type Dayjs } from 'dayjs';

export type SnoozePreset = 'hour' | 'tomorrow' | 'nextWeek';

/** 1 hour from now; tomorrow 9:00; next Monday 9:00. */
export function snoozeUntil(preset: SnoozePreset, now: Dayjs = dayjs()): Dayjs {
  if (preset === 'hour') return now.add(1, 'hour');
  const nineAm = now.hour(9).minute(0).second(0).millisecond(0);
  if (preset === 'tomorrow') return nineAm.add(1, 'day');
  const daysToMonday = (8 - now.day()) % 7 || 7;
  return nineAm.add(daysToMonday, 'day');
}
