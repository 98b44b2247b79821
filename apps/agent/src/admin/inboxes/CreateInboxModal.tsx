import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Inbox, InboxType } from '@warmdesk/protocol';
import { Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/http';
import { keys } from '../../api/queries';
import { fieldErrorsOf, showFieldErrors } from '../shared/api-errors';
import { ErrorAlert } from '../shared/ErrorAlert';
import { FormModal } from '../shared/FormModal';

type Values = { name: string; type: InboxType };

/** A new inbox; a web widget opens on its settings so it can be set up at once. */
export function CreateInboxModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const create = useMutation({
    mutationFn: (body: Values) => api<Inbox>('/inboxes', { method: 'POST', body }),
    onSuccess: (inbox) => {
      queryClient.setQueryData(keys.inbox(inbox.id), inbox);
      void queryClient.invalidateQueries({ queryKey: keys.inboxes, exact: true });
      onClose();
      navigate(`/admin/inboxes/${inbox.id}`);
    },
    onError: (err) => showFieldErrors(form, fieldErrorsOf(err)),
  });

  return (
    <FormModal
      open={open}
      title={t('inboxes.newTitle')}
      onCancel={onClose}
      onSubmit={() => form.submit()}
      saving={create.isPending}
      submitText={t('common.create')}
      submitTestId="inbox-save"
      afterClose={create.reset}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ name: '', type: 'web_widget' }}
        onFinish={(values) => create.mutate({ ...values, name: values.name.trim() })}
      >
        <ErrorAlert error={create.error} shownOnFields={fieldErrorsOf(create.error).length > 0} />
        <Form.Item
          name="name"
          label={t('inboxes.fields.name')}
          rules={[{ required: true, whitespace: true, max: 200 }]}
        >
          <Input data-testid="inbox-name-input" />
        </Form.Item>
        <Form.Item name="type" label={t('inboxes.fields.type')}>
          <Radio.Group
            options={[
              { value: 'web_widget', label: t('inboxes.types.web_widget') },
              { value: 'api', label: t('inboxes.types.api') },
            ]}
          />
        </Form.Item>
        <Form.Item noStyle shouldUpdate>
          {({ getFieldValue }) => (
            <div style={{ color: '#8c8c8c' }}>{t(`inboxes.typeHelp.${getFieldValue('type') as InboxType}`)}</div>
          )}
        </Form.Item>
      </Form>
    </FormModal>
  );
}
