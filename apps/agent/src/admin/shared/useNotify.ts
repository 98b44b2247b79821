import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from './api-errors';

/** Short toasts after an admin action: `done` on success, `failed` with the reason. */
export function useNotify() {
  const { message } = App.useApp();
  const { t } = useTranslation('admin');
  return {
    done: (text?: string) => void message.success(text ?? t('common.saved')),
    failed: (err: unknown) => void message.error(describeError(err, t)),
  };
}
