import type { TFunction } from 'i18next';

/** Why answering or taking a call failed, for a toast: already in a call, or the server's reason. */
export function acceptErrorText(err: Error & { code?: string }, t: TFunction): string {
  return err.code === 'busy' ? t('calls:start.busy') : t('calls:errors.accept', { message: err.message });
}
