import { LoadingOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Contact } from '@warmdesk/protocol';
import { Alert, App, Input, List, Modal, Radio } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { keys } from '../../api/queries';

const label = (c: Pick<Contact, 'name' | 'email' | 'phone' | 'id'>) =>
  [c.name, c.email, c.phone].filter(Boolean).join(' · ') || c.id.slice(0, 8);

/** Finds another contact (the same person, e.g. met on another channel) and merges it into this one. */
export function MergeContactModal({ contact, onClose }: { contact: Contact; onClose: () => void }) {
  const { t } = useTranslation('workspace');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [source, setSource] = useState<Contact | null>(null);
  const [merging, setMerging] = useState(false);

  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);

  const results = useQuery({
    queryKey: ['contacts', 'search', q],
    queryFn: () => api<{ items: Contact[] }>('/contacts', { query: { q, limit: 20 } }).then((r) => r.items),
    enabled: q.length > 0,
  });
  const candidates = (results.data ?? []).filter((c) => c.id !== contact.id);

  const merge = async () => {
    if (!source) return;
    setMerging(true);
    try {
      const merged = await api<Contact>(`/contacts/${contact.id}/merge`, {
        method: 'POST',
        body: { sourceContactId: source.id },
      });
      if (merged?.id) qc.setQueryData(keys.contact(contact.id), merged);
      void qc.invalidateQueries({ queryKey: keys.contact(contact.id) });
      void qc.invalidateQueries({ queryKey: keys.conversations });
      message.success(t('customer.merged'));
      onClose();
    } catch (err) {
      message.error(t('actions.failed', { message: (err as Error).message }));
    } finally {
      setMerging(false);
    }
  };

  return (
    <Modal
      open
      title={t('customer.mergeTitle')}
      onCancel={onClose}
      onOk={() => void merge()}
      okText={t('customer.mergeConfirm')}
      okButtonProps={{ danger: true, disabled: !source, loading: merging, 'data-testid': 'merge-confirm' }}
      destroyOnHidden
    >
      <Input
        prefix={<SearchOutlined />}
        suffix={results.isFetching ? <LoadingOutlined /> : <span />}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('customer.mergeSearch')}
        data-testid="merge-search"
        allowClear
      />
      <Radio.Group
        value={source?.id}
        onChange={(e) => setSource(candidates.find((c) => c.id === e.target.value) ?? null)}
        style={{ width: '100%' }}
      >
        <List
          size="small"
          dataSource={candidates}
          locale={{ emptyText: q ? t('customer.mergeNone') : t('customer.mergeHint') }}
          style={{ maxHeight: 260, overflowY: 'auto', marginTop: 8 }}
          renderItem={(c) => (
            <List.Item key={c.id} data-testid="merge-candidate">
              <Radio value={c.id}>{label(c)}</Radio>
            </List.Item>
          )}
        />
      </Radio.Group>
      {source && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={t('customer.mergeWarning', { source: label(source), target: label(contact) })}
        />
      )}
    </Modal>
  );
}
