import dayjs from 'dayjs';

/** A timestamp as the console shows it, in the viewer's time zone. */
export const formatTime = (iso: string | null | undefined): string =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';
