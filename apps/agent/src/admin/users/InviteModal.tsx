import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keys } from '../../api/queries';
import { formErrorsOf, showFieldErrors } from '../shared/api-errors';
import { ErrorAlert } from '../shared/ErrorAlert';
import { InvitationResult } from './InvitationResult';
import { useRoleOptions } from './useRoleOptions';
import { type Invitation, type InviteValues, inviteUser } from './user-api';

/** Invite by email: the invitee sets their own password from the link. */
export function InviteModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const roles = useRoleOptions();
  const [form] = Form.useForm<InviteValues>();
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const errorsOf = (err: unknown) =>
    formErrorsOf(err, { conflict: { name: ['email'], errors: [t('users.create.emailTaken')] } });
  const invite = useMutation({
    mutationFn: inviteUser,
    onSuccess: (result) => {
      setInvitation(result);
      void queryClient.invalidateQueries({ queryKey: keys.users });
    },
    onError: (err) => showFieldErrors(form, errorsOf(err)),
  });
  const close = () => {
    onClose();
    setInvitation(null);
    invite.reset();
    form.resetFields();
  };

  return (
    <Modal
      open={open}
      title={t('users.invite.title')}
      onCancel={close}
      destroyOnHidden
      footer={
        invitation ? (
          <Button type="primary" onClick={close}>
            {t('common.done')}
          </Button>
        ) : (
          <>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" loading={invite.isPending} onClick={() => form.submit()} data-testid="invite-submit">
              {t('users.invite.submit')}
            </Button>
          </>
        )
      }
    >
      {invitation ? (
        <InvitationResult invitation={invitation} />
      ) : (
        <Form<InviteValues>
          form={form}
          layout="vertical"
          initialValues={{ role: 'agent', capacity: 5 }}
          onFinish={(values) => invite.mutate({ ...values, email: values.email.trim(), name: values.name.trim() })}
        >
          <ErrorAlert error={invite.error} shownOnFields={errorsOf(invite.error).length > 0} />
          <Form.Item name="email" label={t('users.fields.email')} rules={[{ required: true, type: 'email' }]}>
            <Input type="email" autoComplete="off" data-testid="invite-email" />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('users.fields.name')}
            rules={[{ required: true, whitespace: true, max: 200 }]}
          >
            <Input data-testid="invite-name" />
          </Form.Item>
          <Form.Item name="role" label={t('users.fields.role')} rules={[{ required: true }]}>
            <Select options={roles} data-testid="invite-role" />
          </Form.Item>
          <Form.Item name="capacity" label={t('users.fields.capacity')} extra={t('users.capacityHelp')}>
            <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
