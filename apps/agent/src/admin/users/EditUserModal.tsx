import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { User } from '@warmdesk/protocol';
import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { keys } from '../../api/queries';
import { fieldErrorsOf, showFieldErrors } from '../shared/api-errors';
import { ErrorAlert } from '../shared/ErrorAlert';
import { FormModal } from '../shared/FormModal';
import { useNotify } from '../shared/useNotify';
import { useRoleOptions } from './useRoleOptions';
import { type UserPatch, updateUser } from './user-api';

type Values = Required<Pick<UserPatch, 'name' | 'role' | 'capacity'>>;

/** Name, role and capacity of one user; an admin cannot change their own role (the server refuses too). */
export function EditUserModal({ user, self, onClose }: { user: User | null; self: boolean; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const notify = useNotify();
  const roles = useRoleOptions();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (values: Values) => updateUser(user?.id ?? '', self ? { ...values, role: undefined } : values),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.users });
      notify.done();
      onClose();
    },
    onError: (err) => showFieldErrors(form, fieldErrorsOf(err)),
  });

  return (
    <FormModal
      open={user !== null}
      title={t('users.edit.title', { name: user?.name ?? '' })}
      onCancel={onClose}
      onSubmit={() => form.submit()}
      saving={save.isPending}
      submitText={t('common.save')}
      submitTestId="user-edit-save"
      afterClose={save.reset}
    >
      {user && (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ name: user.name, role: user.role, capacity: user.capacity }}
          onFinish={(values) => save.mutate({ ...values, name: values.name.trim() })}
        >
          <ErrorAlert error={save.error} shownOnFields={fieldErrorsOf(save.error).length > 0} />
          <Form.Item
            name="name"
            label={t('users.fields.name')}
            rules={[{ required: true, whitespace: true, max: 200 }]}
          >
            <Input data-testid="user-edit-name" />
          </Form.Item>
          <Form.Item
            name="role"
            label={t('users.fields.role')}
            extra={self ? t('users.edit.ownRole') : undefined}
            rules={[{ required: true }]}
          >
            <Select options={roles} disabled={self} data-testid="user-edit-role" />
          </Form.Item>
          <Form.Item name="capacity" label={t('users.fields.capacity')} extra={t('users.capacityHelp')}>
            <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} data-testid="user-edit-capacity" />
          </Form.Item>
        </Form>
      )}
    </FormModal>
  );
}
