import { useQuery } from '@tanstack/react-query';
import { Empty, Segmented, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/http';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { kbKeys, type UnansweredList } from '../kb-api';
import { ClusterCard } from './ClusterCard';

const PERIODS = [7, 30, 90] as const;

/** 问题集中度分析: questions the bot could not answer, grouped by similarity, biggest groups first. */
export function UnansweredTab() {
  const { t } = useTranslation('kb');
  const [days, setDays] = useState<number>(30);
  const list = useQuery({
    queryKey: kbKeys.unanswered(days),
    queryFn: () => api<UnansweredList>('/kb/unanswered', { query: { days } }),
  });
  const clusters = [...(list.data?.clusters ?? [])].sort((a, b) => b.size - a.size);

  return (
    <div style={{ maxWidth: 960 }} data-testid="kb-unanswered">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', marginBottom: 12 }}>
        <Typography.Text type="secondary" style={{ flex: 1, minWidth: 240 }}>
          {t('unanswered.help')}
        </Typography.Text>
        <Segmented
          value={days}
          onChange={(v) => setDays(Number(v))}
          options={PERIODS.map((d) => ({ value: d, label: t('unanswered.days', { count: d }) }))}
          aria-label={t('unanswered.period')}
        />
      </div>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Skeleton active />
      ) : clusters.length === 0 ? (
        <Empty description={t('unanswered.empty')} />
      ) : (
        <>
          <Typography.Paragraph data-testid="kb-unanswered-total" data-count={list.data?.total ?? 0}>
            {t('unanswered.total', { count: list.data?.total ?? 0 })} ·{' '}
            {t('unanswered.groups', { count: clusters.length })}
          </Typography.Paragraph>
          {clusters.map((c, i) => (
            <ClusterCard key={c.questions.map((q) => q.id).join(',')} cluster={c} index={i} />
          ))}
        </>
      )}
    </div>
  );
}
