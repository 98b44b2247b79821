import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Result
      status="error"
      title={t('error.generic', { message })}
      extra={<Button onClick={() => window.location.reload()}>↻</Button>}
    />
  );
}
