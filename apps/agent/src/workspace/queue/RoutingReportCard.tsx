import type { RoutingReport } from '@warmdesk/protocol';
import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { duration } from '../format';

const count = (report: RoutingReport | undefined, ...decisions: string[]) =>
  decisions.reduce((sum, d) => sum + (report?.decisions[d] ?? 0), 0);

/** Supervisors: today's routing in numbers. */
export function RoutingReportCard({ report, loading }: { report: RoutingReport | undefined; loading: boolean }) {
  const { t } = useTranslation('workspace');
  const wait = report?.averageWaitSeconds;
  return (
    <Card
      size="small"
      title={t('queue.today')}
      loading={loading}
      style={{ flex: '1 1 320px' }}
      data-testid="routing-report"
    >
      <Row gutter={[16, 8]}>
        <Col span={12}>
          <Statistic title={t('queue.report.assigned')} value={count(report, 'assigned', 'picked')} />
        </Col>
        <Col span={12}>
          <Statistic title={t('queue.report.queued')} value={count(report, 'queued')} />
        </Col>
        <Col span={12}>
          <Statistic title={t('queue.report.abandoned')} value={count(report, 'abandoned')} />
        </Col>
        <Col span={12}>
          <Statistic
            title={t('queue.report.averageWait')}
            value={wait === null || wait === undefined ? '—' : duration(wait)}
          />
        </Col>
      </Row>
    </Card>
  );
}
