import type { CallActivity, CallEndReason } from '@warmdesk/protocol';

export type TimelineLanguage = 'zh-CN' | 'en';

const clock = (seconds: number) => {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
};

const zhReason: Record<CallEndReason, string> = {
  completed: '',
  declined: '（已拒绝）',
  missed: '（未接听）',
  cancelled: '（已取消）',
  dropped: '（连接中断）',
  failed: '（连接失败）',
};
const enReason: Record<CallEndReason, string> = {
  completed: '',
  declined: ' (declined)',
  missed: ' (missed)',
  cancelled: ' (cancelled)',
  dropped: ' (connection lost)',
  failed: ' (could not connect)',
};

/** The timeline line of a call event, in the account's language; clients may render the attachment instead. */
export function callActivityText(a: CallActivity, language: TimelineLanguage): string {
  const duration = a.durationSeconds != null ? clock(a.durationSeconds) : null;
  if (language === 'zh-CN') {
    const kind = a.media === 'video' ? '视频通话' : '语音通话';
    const by = a.by ? `${a.by} ` : '';
    switch (a.event) {
      case 'started':
        return `${by}发起了${kind}`;
      case 'accepted':
        return `${by}接听了${kind}`;
      case 'ended':
        return `${kind}结束${a.endReason ? zhReason[a.endReason] : ''}${duration ? `，时长 ${duration}` : ''}`;
      case 'missed':
        return `未接听的${kind}`;
      case 'declined':
        return `${by}拒绝了${kind}`;
      case 'cancelled':
        return `${by}取消了${kind}`;
      case 'snapshot':
        return `${by}在通话中拍摄了快照（身份核验）`;
      case 'recording':
        return `${by}保存了通话录音`;
    }
  }
  const kind = a.media === 'video' ? 'Video call' : 'Voice call';
  const by = a.by ? ` by ${a.by}` : '';
  switch (a.event) {
    case 'started':
      return `${kind} started${by}`;
    case 'accepted':
      return `${kind} answered${by}`;
    case 'ended':
      return `${kind} ended${a.endReason ? enReason[a.endReason] : ''}${duration ? `, ${duration}` : ''}`;
    case 'missed':
      return `Missed ${kind.toLowerCase()}`;
    case 'declined':
      return `${kind} declined${by}`;
    case 'cancelled':
      return `${kind} cancelled${by}`;
    case 'snapshot':
      return `Snapshot taken during the call${by} (identity check)`;
    case 'recording':
      return `Call recording saved${by}`;
  }
}
