import { DeleteOutlined, PlusOutlined, SubnodeOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Checkbox, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../../api/http';
import { formatTime } from '../../shared/format';
import { useNotify } from '../../shared/useNotify';
import type { FromUnanswered } from '../entries/EntryEditorPage';
import { kbKeys, type UnansweredCluster, type UnansweredResolveBody } from '../kb-api';
import { EntryPicker } from './EntryPicker';

/** One group of similar unanswered questions and what to do with the chosen ones. */
export function ClusterCard({ cluster, index }: { cluster: UnansweredCluster; index: number }) {
  const { t } = useTranslation('kb');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [selected, setSelected] = useState<string[]>(() => cluster.questions.map((q) => q.id));
  const [entryId, setEntryId] = useState<string | null>(cluster.nearestEntryId);
  const resolve = useMutation({
    mutationFn: (body: UnansweredResolveBody) => api<unknown>('/kb/unanswered/resolve', { method: 'POST', body }),
    onSuccess: (_, body) => {
      void queryClient.invalidateQueries({ queryKey: kbKeys.all });
      notify.done(body.action === 'dismiss' ? t('unanswered.dismissed') : t('unanswered.added'));
    },
    onError: notify.failed,
  });
  const chosen = cluster.questions.filter((q) => selected.includes(q.id));
  const none = chosen.length === 0;
  const headingId = `kb-cluster-${index}`;

  const newEntry = () => {
    const state: FromUnanswered = { questions: chosen.map((q) => q.text), questionIds: chosen.map((q) => q.id) };
    navigate('/kb/entries/new', { state });
  };

  return (
    <Card
      size="small"
      aria-labelledby={headingId}
      data-testid="kb-cluster"
      data-size={cluster.size}
      title={
        <span id={headingId} style={{ whiteSpace: 'normal' }}>
          <Badge count={cluster.size} overflowCount={999} color="#fa8c16" style={{ marginInlineEnd: 8 }} />
          <span data-testid="kb-cluster-label">{cluster.label}</span>
        </span>
      }
      style={{ marginBottom: 12 }}
    >
      <Checkbox.Group
        value={selected}
        onChange={(v) => setSelected(v.map(String))}
        style={{ display: 'flex', flexDirection: 'column', gap: 4, marginBottom: 12 }}
        aria-label={t('unanswered.questionsOf', { label: cluster.label })}
      >
        {cluster.questions.map((q) => (
          <Checkbox key={q.id} value={q.id} data-testid="kb-cluster-question">
            <span>{q.text}</span>{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatTime(q.createdAt)}
            </Typography.Text>
          </Checkbox>
        ))}
      </Checkbox.Group>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <EntryPicker
          value={entryId}
          suggestedId={cluster.nearestEntryId}
          onChange={setEntryId}
          label={t('unanswered.entryFor', { label: cluster.label })}
        />
        <Button
          type="primary"
          icon={<SubnodeOutlined />}
          disabled={none || !entryId}
          loading={resolve.isPending && resolve.variables?.action === 'add_variant'}
          onClick={() =>
            entryId && resolve.mutate({ action: 'add_variant', entryId, questionIds: chosen.map((q) => q.id) })
          }
          data-testid="kb-cluster-add"
        >
          {t('unanswered.addVariants', { count: chosen.length })}
        </Button>
        <Button icon={<PlusOutlined />} disabled={none} onClick={newEntry} data-testid="kb-cluster-new">
          {t('unanswered.newEntry')}
        </Button>
        <Popconfirm
          title={t('unanswered.confirmDismiss', { count: chosen.length })}
          okText={t('unanswered.dismiss')}
          onConfirm={() => resolve.mutateAsync({ action: 'dismiss', questionIds: chosen.map((q) => q.id) })}
          disabled={none}
        >
          <Button icon={<DeleteOutlined />} disabled={none} data-testid="kb-cluster-dismiss">
            {t('unanswered.dismiss')}
          </Button>
        </Popconfirm>
      </div>
    </Card>
  );
}
