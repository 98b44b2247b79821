import type { Locale } from '@warmdesk/protocol';

/* The call UI's texts (zh-CN and en), in the call chunk rather than ../i18n.ts so the first load stays small. */
const en = {
  voiceCall: 'Voice call',
  videoCall: 'Video call',
  incoming: '{name} is calling you',
  acceptVideo: 'Answer with video',
  acceptVoice: 'Answer with voice',
  decline: 'Decline',
  calling: 'Calling…',
  queued: 'Waiting for an agent to answer. You can keep chatting.',
  cancel: 'Cancel call',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  peerAway: 'The agent’s connection dropped. Waiting for them to come back…',
  hangup: 'Hang up',
  mute: 'Mute',
  unmute: 'Unmute',
  cameraOff: 'Turn camera off',
  cameraOn: 'Turn camera on',
  toVoice: 'Switch to voice',
  toVideo: 'Switch to video',
  shareScreen: 'Share screen',
  stopScreen: 'Stop sharing',
  switchCamera: 'Switch camera',
  share: 'Share',
  recording: 'Recording',
  noticeSnapshot: 'The agent is taking a photo for an identity check.',
  noticeRecording: 'This call is being recorded.',
  noticeRecordingStopped: 'Recording stopped.',
  noticeScreen: 'The agent asks you to share your screen.',
  ended: 'Call ended',
  missed: 'Missed call',
  declined: 'Call declined',
  cancelled: 'Call cancelled',
  dropped: 'Call dropped',
  failed: 'The call could not connect',
  deviceError: 'Could not use your microphone or camera: {message}',
  agent: 'Agent',
  close: 'Close',
} as const;

export type CallTextKey = keyof typeof en;

const zh: Record<CallTextKey, string> = {
  voiceCall: '语音通话',
  videoCall: '视频通话',
  incoming: '{name}邀请您通话',
  acceptVideo: '视频接听',
  acceptVoice: '语音接听',
  decline: '拒绝',
  calling: '正在呼叫…',
  queued: '正在等待客服接听，您可以继续聊天。',
  cancel: '取消通话',
  connecting: '正在连接…',
  reconnecting: '正在重新连接…',
  peerAway: '客服的网络已断开，正在等待对方重新连接…',
  hangup: '挂断',
  mute: '静音',
  unmute: '取消静音',
  cameraOff: '关闭摄像头',
  cameraOn: '打开摄像头',
  toVoice: '切换为语音',
  toVideo: '切换为视频',
  shareScreen: '共享屏幕',
  stopScreen: '停止共享',
  switchCamera: '切换摄像头',
  share: '共享',
  recording: '录制中',
  noticeSnapshot: '客服正在拍照进行身份核验。',
  noticeRecording: '本次通话正在录制。',
  noticeRecordingStopped: '录制已停止。',
  noticeScreen: '客服请求您共享屏幕。',
  ended: '通话已结束',
  missed: '未接来电',
  declined: '已拒绝通话',
  cancelled: '通话已取消',
  dropped: '通话已中断',
  failed: '通话未能接通',
  deviceError: '无法使用麦克风或摄像头：{message}',
  agent: '客服',
  close: '关闭',
};

export type CallTranslate = (key: CallTextKey, vars?: Record<string, string>) => string;

export function callTranslator(locale: Locale): CallTranslate {
  const dict = locale === 'zh-CN' ? zh : en;
  return (key, vars) => dict[key].replace(/\{(\w+)\}/g, (_, name: string) => vars?.[name] ?? '');
}

/** m:ss, or h:mm:ss past an hour. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const mmss = `${Math.floor((s % 3600) / 60)}:${String(s % 60).padStart(2, '0')}`;
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mmss.padStart(5, '0')}` : mmss;
}
