import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from './api-errors';

/** A failed request's reason above a form, unless the form already shows it next to its fields. */
export function ErrorAlert({ error, shownOnFields = false }: { error: unknown; shownOnFields?: boolean }) {
  const { t } = useTranslation('admin');
  if (!error || shownOnFields) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={describeError(error, t)}
      style={{ marginBottom: 16 }}
      data-testid="form-error"
    />
  );
}
