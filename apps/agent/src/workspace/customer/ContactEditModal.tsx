import { useQueryClient } from '@tanstack/react-query';
import type { Contact } from '@warmdesk/protocol';
import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { keys } from '../../api/queries';
import { patchConversation } from '../conversationCache';

type Values = { name: string; email: string; phone: string };

/** Name, email and phone of a contact; an emptied field is cleared. */
export function ContactEditModal({
  contact,
  conversationId,
  onClose,
}: {
  contact: Contact;
  conversationId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('workspace');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const save = async (values: Values) => {
    setSaving(true);
    try {
      const clean = (v: string) => v.trim() || null;
      const updated = await api<Contact>(`/contacts/${contact.id}`, {
        method: 'PATCH',
        body: { name: clean(values.name), email: clean(values.email), phone: clean(values.phone) },
      });
      qc.setQueryData(keys.contact(contact.id), updated);
      patchConversation(qc, conversationId, (c) => ({
        ...c,
        contact: { id: updated.id, name: updated.name, email: updated.email, phone: updated.phone },
      }));
      void qc.invalidateQueries({ queryKey: keys.conversations });
      message.success(t('common:saved'));
      onClose();
    } catch (err) {
      message.error(t('actions.failed', { message: (err as Error).message }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('customer.editTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: saving, 'data-testid': 'contact-edit-save' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: contact.name ?? '', email: contact.email ?? '', phone: contact.phone ?? '' }}
        onFinish={(v) => void save(v)}
        data-testid="contact-edit-form"
      >
        <Form.Item name="name" label={t('customer.name')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('customer.email')}
          rules={[{ type: 'email', message: t('customer.invalidEmail') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="phone" label={t('customer.phone')} rules={[{ max: 50 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
