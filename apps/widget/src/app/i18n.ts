import type { Locale } from '@warmdesk/protocol';

const en = {
  title: 'Chat with us',
  close: 'Close chat',
  language: '中文',
  languageLabel: 'Switch to Chinese',
  online: 'We are online',
  offline: 'We are away: leave a message',
  closed: 'We are closed now: leave a message',
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting… Messages you send now are kept and sent when we are back.',
  placeholder: 'Type a message…',
  send: 'Send',
  attach: 'Attach a file or image',
  emoji: 'Insert emoji',
  dropHere: 'Drop files to send',
  sending: 'Sending…',
  sent: 'Sent',
  read: 'Read',
  failed: 'Not sent',
  uploading: 'Uploading',
  typing: '{name} is typing…',
  agent: 'Agent',
  bot: 'Bot',
  you: 'You',
  waiting: 'Waiting for an agent. You can keep writing.',
  queuePosition: 'You are number {position} in line ({waiting} waiting).',
  queueWait: 'Estimated wait: about {minutes} min.',
  assigned: '{name} is helping you',
  preChatTitle: 'Before we start',
  preChatSubmit: 'Start chatting',
  required: 'Required',
  optional: 'optional',
  choose: 'Choose…',
  leaveTitle: 'Leave us a message',
  leaveIntro: 'Nobody is available right now. Leave a message and how to reach you; we will get back to you.',
  leaveMessage: 'Your message',
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  leaveSubmit: 'Send message',
  leaveNeedContact: 'Please give an email or a phone number.',
  leaveThanks: 'Thank you. We will get back to you soon.',
  rateTitle: 'How did we do?',
  rateStar: '{n} of 5 stars',
  rateComment: 'Comment (optional)',
  rateSubmit: 'Submit rating',
  rateThanks: 'Thank you for your rating!',
  transcript: 'Email me the transcript',
  transcriptSent: 'Transcript sent.',
  transcriptEmail: 'Your email',
  resolved: 'This conversation was resolved. Write again any time.',
  errorGeneric: 'Something went wrong. Please try again.',
  newConversation: 'Conversation',
  download: 'Download',
  image: 'Image',
} as const;

export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  title: '在线咨询',
  close: '关闭对话',
  language: 'EN',
  languageLabel: 'Switch to English',
  online: '客服在线',
  offline: '客服暂时不在，请留言',
  closed: '现在是非工作时间，请留言',
  connecting: '正在连接…',
  reconnecting: '连接已断开，正在重连… 现在发送的消息会保留，恢复后自动发送。',
  placeholder: '输入消息…',
  send: '发送',
  attach: '发送文件或图片',
  emoji: '插入表情',
  dropHere: '松开即可发送文件',
  sending: '发送中…',
  sent: '已发送',
  read: '已读',
  failed: '发送失败',
  uploading: '上传中',
  typing: '{name}正在输入…',
  agent: '客服',
  bot: '机器人',
  you: '我',
  waiting: '正在为您转接客服，您可以继续留言。',
  queuePosition: '您正在排队，当前第 {position} 位（共 {waiting} 位）。',
  queueWait: '预计等待约 {minutes} 分钟。',
  assigned: '{name}为您服务',
  preChatTitle: '开始咨询前',
  preChatSubmit: '开始咨询',
  required: '必填',
  optional: '选填',
  choose: '请选择…',
  leaveTitle: '给我们留言',
  leaveIntro: '当前没有客服在线。请留下您的问题和联系方式，我们会尽快回复。',
  leaveMessage: '留言内容',
  name: '姓名',
  email: '邮箱',
  phone: '电话',
  leaveSubmit: '提交留言',
  leaveNeedContact: '请填写邮箱或电话。',
  leaveThanks: '感谢留言，我们会尽快联系您。',
  rateTitle: '请为本次服务评分',
  rateStar: '{n} 星（满分 5 星）',
  rateComment: '评价（选填）',
  rateSubmit: '提交评价',
  rateThanks: '感谢您的评价！',
  transcript: '发送聊天记录到邮箱',
  transcriptSent: '聊天记录已发送。',
  transcriptEmail: '您的邮箱',
  resolved: '本次对话已结束，如有问题可随时继续留言。',
  errorGeneric: '出错了，请重试。',
  newConversation: '对话',
  download: '下载',
  image: '图片',
};

const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zh };

/** zh-CN for any Chinese browser language, English otherwise. */
export function localeFor(preference: string, browserLanguages: readonly string[]): Locale {
  if (preference === 'zh-CN' || preference === 'en') return preference;
  return browserLanguages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const dict = dictionaries[locale];
  return (key, vars) => {
    let text = dict[key];
    for (const [name, value] of Object.entries(vars ?? {})) text = text.replace(`{${name}}`, String(value));
    return text;
  };
}
