import { DeleteOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { ContactNote } from '@warmdesk/protocol';
import { App, Button, Input, Popconfirm, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { notesKey, useContactNotes } from './queries';

/** Notes about the customer (not one conversation), shared by the team. */
export function ContactNotes({ contactId }: { contactId: string }) {
  const { t } = useTranslation('workspace');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const notes = useContactNotes(contactId);
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);

  const add = async () => {
    const content = text.trim();
    if (!content) return;
    setSaving(true);
    try {
      const note = await api<ContactNote>(`/contacts/${contactId}/notes`, { method: 'POST', body: { content } });
      qc.setQueryData<ContactNote[]>(notesKey(contactId), (old) => [note, ...(old ?? [])]);
      setText('');
    } catch (err) {
      message.error(t('actions.failed', { message: (err as Error).message }));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (id: string) => {
    try {
      await api(`/contacts/${contactId}/notes/${id}`, { method: 'DELETE' });
      qc.setQueryData<ContactNote[]>(notesKey(contactId), (old) => old?.filter((n) => n.id !== id));
    } catch (err) {
      message.error(t('actions.failed', { message: (err as Error).message }));
    }
  };

  return (
    <div data-testid="contact-notes">
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('customer.notePlaceholder')}
        autoSize={{ minRows: 2, maxRows: 5 }}
        maxLength={5000}
        data-testid="contact-note-input"
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void add();
        }}
      />
      <Button
        size="small"
        style={{ marginTop: 6 }}
        onClick={() => void add()}
        loading={saving}
        disabled={!text.trim()}
        data-testid="contact-note-add"
      >
        {t('customer.addNote')}
      </Button>
      {notes.isError && <Typography.Text type="secondary">{t('customer.loadFailed')}</Typography.Text>}
      {(notes.data ?? []).map((n) => (
        <div
          key={n.id}
          data-testid="contact-note"
          style={{ marginTop: 10, padding: 8, background: '#fafafa', borderRadius: 6 }}
        >
          <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{n.content}</div>
          <div
            style={{
              display: 'flex',
              justifyContent: 'space-between',
              alignItems: 'center',
              fontSize: 12,
              color: '#8c8c8c',
            }}
          >
            <span>
              {n.author?.name ?? t('activity.someone')} · {dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}
            </span>
            <Popconfirm title={t('customer.deleteNote')} onConfirm={() => void remove(n.id)}>
              <Button
                size="small"
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('common:delete')}
                data-testid="contact-note-delete"
              />
            </Popconfirm>
          </div>
        </div>
      ))}
    </div>
  );
}
