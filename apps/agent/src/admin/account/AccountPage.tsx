import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AccountSettings, SessionInfo } from '@warmdesk/protocol';
import { Button, Card, Form, Input, InputNumber, Select, Skeleton } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { keys, useAccount } from '../../api/queries';
import { SESSION_KEY } from '../../auth/session';
import { AdminPage } from '../shared/AdminPage';
import { describeError, fieldErrorsOf, showFieldErrors } from '../shared/api-errors';
import { ErrorAlert } from '../shared/ErrorAlert';
import { timeZoneOptions } from '../shared/time-zones';
import { useNotify } from '../shared/useNotify';

type Values = Pick<AccountSettings, 'name' | 'locale' | 'timezone' | 'awayAfterDisconnectSeconds'>;

/** The account's name, default language, time zone, and when a disconnected agent turns away. */
export function AccountPage() {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const account = useAccount();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const zones = useMemo(timeZoneOptions, []);
  const save = useMutation({
    mutationFn: (body: Values) => api<AccountSettings>('/account', { method: 'PATCH', body }),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.account, updated);
      queryClient.setQueryData<SessionInfo | null>(SESSION_KEY, (old) => (old ? { ...old, account: updated } : old));
      notify.done();
    },
    onError: (err) => showFieldErrors(form, fieldErrorsOf(err)),
  });

  return (
    <AdminPage
      title={t('account.title')}
      description={t('account.description')}
      error={account.error ? describeError(account.error, t) : null}
    >
      <Card style={{ maxWidth: 560 }}>
        {account.data ? (
          <Form<Values>
            form={form}
            layout="vertical"
            initialValues={{
              name: account.data.name,
              locale: account.data.locale,
              timezone: account.data.timezone,
              awayAfterDisconnectSeconds: account.data.awayAfterDisconnectSeconds,
            }}
            onFinish={(values) => save.mutate({ ...values, name: values.name.trim() })}
            data-testid="account-form"
          >
            <ErrorAlert error={save.error} shownOnFields={fieldErrorsOf(save.error).length > 0} />
            <Form.Item
              name="name"
              label={t('account.fields.name')}
              rules={[{ required: true, whitespace: true, max: 200 }]}
            >
              <Input data-testid="account-name" />
            </Form.Item>
            <Form.Item name="locale" label={t('account.fields.locale')} extra={t('account.localeHelp')}>
              <Select
                options={(['zh-CN', 'en'] as const).map((l) => ({ value: l, label: tc(`language.${l}`) }))}
                data-testid="account-locale"
              />
            </Form.Item>
            <Form.Item name="timezone" label={t('account.fields.timezone')} extra={t('account.timezoneHelp')}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={zones} data-testid="account-timezone" />
            </Form.Item>
            <Form.Item
              name="awayAfterDisconnectSeconds"
              label={t('account.fields.awayAfterDisconnectSeconds')}
              extra={t('account.awayHelp')}
              rules={[{ required: true, type: 'integer', min: 1, max: 86_400 }]}
            >
              <InputNumber min={1} max={86_400} precision={0} style={{ width: 160 }} data-testid="account-away-after" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="account-save">
              {t('common.save')}
            </Button>
          </Form>
        ) : (
          <Skeleton active />
        )}
      </Card>
    </AdminPage>
  );
}
