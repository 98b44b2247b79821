import { EditOutlined, MergeCellsOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { Contact, ConversationListItem } from '@warmdesk/protocol';
import { Avatar, Button, Descriptions, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { patchConversation } from '../conversationCache';
import { contactName } from '../format';
import { ContactEditModal } from './ContactEditModal';
import { ContactNotes } from './ContactNotes';
import { MergeContactModal } from './MergeContactModal';
import { PreviousConversations } from './PreviousConversations';
import { useContact } from './queries';
import { SessionSection } from './SessionSection';

function Section({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <div className="wd-panel-section">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <h4>{title}</h4>
        {extra}
      </div>
      {children}
    </div>
  );
}

const showValue = (v: unknown) =>
  v === null || v === undefined ? '—' : typeof v === 'boolean' ? (v ? '✓' : '✗') : String(v);

/** Everything about the customer beside the conversation. */
export function CustomerPanel({ conversation }: { conversation: ConversationListItem }) {
  const { t } = useTranslation('workspace');
  const contact = useContact(conversation.contactId);
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const c: Contact | undefined = contact.data;
  const qc = useQueryClient();
  const shown = conversation.contact;
  // A colleague may have renamed the contact (no live event for that): the fresh contact fixes the header and list.
  useEffect(() => {
    if (!c || (c.name === shown.name && c.email === shown.email && c.phone === shown.phone)) return;
    patchConversation(qc, conversation.id, (item) => ({
      ...item,
      contact: { id: c.id, name: c.name, email: c.email, phone: c.phone },
    }));
  }, [c, shown, qc, conversation.id]);

  return (
    <div data-testid="customer-panel" data-contact-id={conversation.contactId}>
      <Section
        title={t('customer.profile')}
        extra={
          c && (
            <Space size={0}>
              <Tooltip title={t('customer.edit')}>
                <Button
                  size="small"
                  type="text"
                  icon={<EditOutlined />}
                  onClick={() => setEditing(true)}
                  data-testid="contact-edit"
                  aria-label={t('customer.edit')}
                />
              </Tooltip>
              <Tooltip title={t('customer.merge')}>
                <Button
                  size="small"
                  type="text"
                  icon={<MergeCellsOutlined />}
                  onClick={() => setMerging(true)}
                  data-testid="contact-merge"
                  aria-label={t('customer.merge')}
                />
              </Tooltip>
            </Space>
          )
        }
      >
        {!c ? (
          contact.isError ? (
            <Typography.Text type="secondary">{t('customer.loadFailed')}</Typography.Text>
          ) : (
            <Skeleton active avatar paragraph={{ rows: 2 }} />
          )
        ) : (
          <>
            <Space align="center" style={{ marginBottom: 8 }}>
              <Avatar style={{ background: '#91caff' }}>{contactName(c, t).slice(0, 1).toUpperCase()}</Avatar>
              <Typography.Text strong data-testid="contact-name">
                {contactName(c, t)}
              </Typography.Text>
            </Space>
            <Descriptions
              size="small"
              column={1}
              styles={{ label: { width: 72, color: '#8c8c8c' } }}
              items={[
                { key: 'email', label: t('customer.email'), children: c.email ?? '—' },
                { key: 'phone', label: t('customer.phone'), children: c.phone ?? '—' },
              ]}
            />
            {c.identities.length > 0 && (
              <div style={{ marginTop: 8 }} data-testid="contact-identities">
                {c.identities.map((id) => (
                  <Tag
                    key={`${id.channel}:${id.externalId}`}
                    color={id.verified ? 'green' : 'default'}
                    icon={id.verified ? <SafetyCertificateOutlined /> : undefined}
                    style={{ marginBottom: 4 }}
                  >
                    {id.channel}: {id.externalId}
                    {id.verified ? ` (${t('customer.verified')})` : ''}
                  </Tag>
                ))}
              </div>
            )}
          </>
        )}
      </Section>
      {c && Object.keys(c.attributes).length > 0 && (
        <Section title={t('customer.attributes')}>
          <Descriptions
            size="small"
            column={1}
            styles={{ label: { width: 96, color: '#8c8c8c' } }}
            items={Object.entries(c.attributes).map(([k, v]) => ({ key: k, label: k, children: showValue(v) }))}
          />
        </Section>
      )}
      <Section title={t('customer.session')}>
        <SessionSection conversationId={conversation.id} />
      </Section>
      <Section title={t('customer.previous')}>
        <PreviousConversations conversation={conversation} />
      </Section>
      <Section title={t('customer.notes')}>
        <ContactNotes contactId={conversation.contactId} />
      </Section>
      {editing && c && (
        <ContactEditModal contact={c} conversationId={conversation.id} onClose={() => setEditing(false)} />
      )}
      {merging && c && <MergeContactModal contact={c} onClose={() => setMerging(false)} />}
    </div>
  );
}
