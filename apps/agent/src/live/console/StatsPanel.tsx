import type { LiveStats } from '@warmdesk/protocol';
import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIVE_NS } from '../i18n';

const duration = (seconds: number) => {
  const s = Math.round(seconds);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
};

/** The room's live figures (`live:stats` while live, the saved ones after) and a viewers-over-time sparkline. */
export function StatsPanel({ stats }: { stats: LiveStats | null }) {
  const { t } = useTranslation(LIVE_NS);
  const s = stats;
  const items: [string, string, string | number][] = [
    ['concurrent', t('stats.concurrent'), s?.concurrentViewers ?? 0],
    ['peak', t('stats.peak'), s?.peakViewers ?? 0],
    ['unique', t('stats.unique'), s?.uniqueViewers ?? 0],
    ['avgWatch', t('stats.avgWatch'), duration(s?.averageWatchSeconds ?? 0)],
    [
      'joinToGreeting',
      t('stats.joinToGreeting'),
      s?.joinToGreetingMedianMs == null ? '—' : duration(s.joinToGreetingMedianMs / 1000),
    ],
    ['messages', t('stats.messages'), s?.messages ?? 0],
    ['questions', t('stats.questions'), `${s?.questionsAnswered ?? 0} / ${s?.questions ?? 0}`],
    ['private', t('stats.private'), s?.privateConversations ?? 0],
    ['cardClicks', t('stats.cardClicks'), s?.cardClicks ?? 0],
  ];
  return (
    <Card size="small" title={t('stats.title')} data-testid="live-stats">
      <Row gutter={[8, 8]}>
        {items.map(([key, label, value]) => (
          <Col span={8} key={key}>
            <Statistic title={label} value={value} valueStyle={{ fontSize: 18 }} data-testid={`live-stat-${key}`} />
          </Col>
        ))}
      </Row>
      <div style={{ marginTop: 8, fontSize: 12, color: '#888' }}>{t('stats.overTime')}</div>
      <Sparkline points={s?.viewersOverTime.map((p) => p.viewers) ?? []} />
    </Card>
  );
}

function Sparkline({ points }: { points: number[] }) {
  const width = 280;
  const height = 48;
  if (points.length < 2)
    return <svg width="100%" height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-hidden />;
  const max = Math.max(1, ...points);
  const step = width / (points.length - 1);
  const path = points
    .map(
      (v, i) => `${i === 0 ? 'M' : 'L'}${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`,
    )
    .join(' ');
  return (
    <svg
      width="100%"
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      role="img"
      aria-hidden
      data-testid="live-sparkline"
    >
      <path d={path} fill="none" stroke="#1677ff" strokeWidth={2} vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
