import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { fieldErrorsOf, showFieldErrors } from '../shared/api-errors';
import { ErrorAlert } from '../shared/ErrorAlert';
import { API_TOKENS_KEY } from './tokens-key';

type Scope = 'read' | 'write';
type Values = { name: string; scopes: Scope[] };
type Created = { id: string; name: string; token: string };

/** Creating an API token; its secret value is shown here once and never again. */
export function CreateTokenModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [created, setCreated] = useState<Created | null>(null);
  const create = useMutation({
    mutationFn: (body: Values) => api<Created>('/api-tokens', { method: 'POST', body }),
    onSuccess: (result) => {
      setCreated(result);
      void queryClient.invalidateQueries({ queryKey: API_TOKENS_KEY });
    },
    onError: (err) => showFieldErrors(form, fieldErrorsOf(err)),
  });
  const close = () => {
    onClose();
    setCreated(null);
    create.reset();
  };

  return (
    <Modal
      open={open}
      title={created ? t('tokens.createdTitle', { name: created.name }) : t('tokens.newTitle')}
      onCancel={close}
      destroyOnHidden
      mask={{ closable: !created }}
      footer={
        created ? (
          <Button type="primary" onClick={close} data-testid="token-done">
            {t('tokens.copiedIt')}
          </Button>
        ) : (
          <>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="token-save">
              {t('common.create')}
            </Button>
          </>
        )
      }
    >
      {created ? (
        <>
          <Alert type="warning" showIcon title={t('tokens.onceWarning')} style={{ marginBottom: 16 }} />
          <Typography.Paragraph
            code
            copyable={{ text: created.token, tooltips: [t('common.copy'), t('common.copied')] }}
            style={{ wordBreak: 'break-all' }}
            data-testid="token-value"
          >
            {created.token}
          </Typography.Paragraph>
          <Typography.Text type="secondary">{t('tokens.usage')}</Typography.Text>
          <Typography.Paragraph code style={{ wordBreak: 'break-all', marginTop: 4 }}>
            {`curl -H "Authorization: Bearer ${created.token}" ${window.location.origin}/api/v1/conversations`}
          </Typography.Paragraph>
        </>
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ name: '', scopes: ['read', 'write'] }}
          onFinish={(values) => create.mutate({ ...values, name: values.name.trim() })}
        >
          <ErrorAlert error={create.error} shownOnFields={fieldErrorsOf(create.error).length > 0} />
          <Form.Item
            name="name"
            label={t('tokens.fields.name')}
            extra={t('tokens.nameHelp')}
            rules={[{ required: true, whitespace: true, max: 200 }]}
          >
            <Input autoComplete="off" data-testid="token-name" />
          </Form.Item>
          <Form.Item
            name="scopes"
            label={t('tokens.fields.scopes')}
            rules={[{ required: true, type: 'array', min: 1, message: t('tokens.scopeRequired') }]}
          >
            <Checkbox.Group
              options={[
                { value: 'read', label: t('tokens.scope.read') },
                { value: 'write', label: t('tokens.scope.write') },
              ]}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
