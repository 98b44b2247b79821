import type { CallQuality } from '@warmdesk/protocol';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { qualitySummary } from '../conversation/callActivity';

type Grade = 'good' | 'fair' | 'poor' | 'unknown';
const COLOR: Record<Grade, string> = { good: 'green', fair: 'gold', poor: 'red', unknown: 'default' };

/** Loss and round trip as a user feels them: above 5 % loss or 400 ms the call breaks up, above 1 % / 150 ms it shows. */
export function gradeOf(q: CallQuality | null): Grade {
  if (!q) return 'unknown';
  const rtt = q.rttMs ?? 0;
  if (q.packetLossPct > 5 || rtt > 400) return 'poor';
  if (q.packetLossPct > 1 || rtt > 150) return 'fair';
  return 'good';
}

/** The connection's quality from the latest getStats() summary (every 10 s), the figures in the tooltip. */
export function QualityBadge({ quality }: { quality: CallQuality | null }) {
  const { t } = useTranslation('calls');
  const grade = gradeOf(quality);
  return (
    <Tooltip title={quality ? qualitySummary(quality, t) : undefined}>
      <Tag color={COLOR[grade]} data-testid="call-quality" data-grade={grade} style={{ marginInlineEnd: 0 }}>
        {t(`quality.${grade}`)}
      </Tag>
    </Tooltip>
  );
}
