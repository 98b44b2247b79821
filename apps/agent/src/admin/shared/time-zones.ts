/** IANA zones this browser knows, UTC first (a browser without `supportedValuesOf` lists only UTC). */
export function timeZoneOptions(): { value: string; label: string }[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...known.filter((z) => z !== 'UTC')].map((z) => ({ value: z, label: z }));
}
