import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { keys } from '../../api/queries';
import { formErrorsOf, showFieldErrors } from '../shared/api-errors';
import { ErrorAlert } from '../shared/ErrorAlert';
import { FormModal } from '../shared/FormModal';
import { useNotify } from '../shared/useNotify';
import { useRoleOptions } from './useRoleOptions';
import { type CreateUserValues, createUser } from './user-api';

/** Adding a user with a password the admin sets (for teams that hand out logins themselves). */
export function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const notify = useNotify();
  const roles = useRoleOptions();
  const [form] = Form.useForm<CreateUserValues>();
  const errorsOf = (err: unknown) =>
    formErrorsOf(err, { conflict: { name: ['email'], errors: [t('users.create.emailTaken')] } });
  const create = useMutation({
    mutationFn: createUser,
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: keys.users });
      notify.done(t('users.create.done', { name: user.name }));
      onClose();
    },
    onError: (err) => showFieldErrors(form, errorsOf(err)),
  });

  return (
    <FormModal
      open={open}
      title={t('users.create.title')}
      onCancel={onClose}
      onSubmit={() => form.submit()}
      saving={create.isPending}
      submitText={t('common.create')}
      submitTestId="user-create-save"
      afterClose={create.reset}
    >
      <Form<CreateUserValues>
        form={form}
        layout="vertical"
        initialValues={{ role: 'agent', capacity: 5 }}
        onFinish={(values) => create.mutate({ ...values, email: values.email.trim(), name: values.name.trim() })}
        autoComplete="off"
      >
        <ErrorAlert error={create.error} shownOnFields={errorsOf(create.error).length > 0} />
        <Form.Item name="email" label={t('users.fields.email')} rules={[{ required: true, type: 'email' }]}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t('users.fields.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.fields.password')}
          rules={[{ required: true, min: 8, max: 512, message: t('users.create.passwordRule') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label={t('users.fields.role')} rules={[{ required: true }]}>
          <Select options={roles} />
        </Form.Item>
        <Form.Item name="capacity" label={t('users.fields.capacity')} extra={t('users.capacityHelp')}>
          <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
