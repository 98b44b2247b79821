import type { Locale } from '@warmdesk/protocol';

const en = {
  language: '中文',
  languageLabel: 'Switch to Chinese',
  loading: 'Loading the live room…',
  notFound: 'This live room does not exist or has been removed.',
  loadFailed: 'Could not load the live room. Check your connection and reload.',
  live: 'LIVE',
  scheduled: 'Starts at {time}',
  startsIn: 'Starts in {time}',
  waitingHost: 'The host will be on screen soon…',
  ended: 'This live stream has ended.',
  replay: 'Replay',
  tapUnmute: 'Tap to unmute',
  connecting: 'Connecting the video…',
  chat: 'Chat',
  placeholder: 'Say something…',
  send: 'Send',
  asQuestion: 'Ask as a question',
  markQuestion: 'Mark as question',
  question: 'Question',
  answered: 'Answered',
  privateTag: 'Only you',
  host: 'Host',
  you: 'You',
  muted: 'You were muted by the host: you can still watch.',
  removed: 'You were removed from this live room.',
  slowMode: 'Slow mode: wait {n} s',
  slowModeOn: 'Slow mode: one message every {n} s',
  sendFailed: 'Not sent: {reason}',
  privateChat: 'Private chat',
  privateTitle: 'Private chat with the host',
  privateClose: 'Close',
  privatePlaceholder: 'Write privately…',
  privateEmpty: 'Ask anything: only our team sees this conversation.',
  buy: 'View',
  announcement: 'Announcement',
  reconnecting: 'Reconnecting…',
  quoteOf: 'Replying to {name}',
  viewers: 'Live room',
};
export type LiveKey = keyof typeof en;

const zh: Record<LiveKey, string> = {
  language: 'English',
  languageLabel: '切换到英文',
  loading: '正在进入直播间…',
  notFound: '直播间不存在或已被删除。',
  loadFailed: '直播间加载失败，请检查网络后刷新。',
  live: '直播中',
  scheduled: '{time} 开播',
  startsIn: '距离开播 {time}',
  waitingHost: '主播马上就来…',
  ended: '本场直播已结束。',
  replay: '回放',
  tapUnmute: '点击开启声音',
  connecting: '正在连接视频…',
  chat: '聊天',
  placeholder: '说点什么…',
  send: '发送',
  asQuestion: '作为提问发送',
  markQuestion: '标记为提问',
  question: '提问',
  answered: '已回答',
  privateTag: '仅你可见',
  host: '主播',
  you: '我',
  muted: '你已被主播禁言，仍可继续观看。',
  removed: '你已被移出本直播间。',
  slowMode: '慢速模式：请等待 {n} 秒',
  slowModeOn: '慢速模式：每 {n} 秒可发一条',
  sendFailed: '发送失败：{reason}',
  privateChat: '私聊客服',
  privateTitle: '与主播私聊',
  privateClose: '关闭',
  privatePlaceholder: '私聊内容…',
  privateEmpty: '有什么问题都可以问，只有客服能看到这段对话。',
  buy: '查看',
  announcement: '公告',
  reconnecting: '正在重新连接…',
  quoteOf: '回复 {name}',
  viewers: '直播间',
};

const dictionaries: Record<Locale, Record<LiveKey, string>> = { en, 'zh-CN': zh };
const PREF = 'warmdesk:live:locale';

/** The switch's choice on this device, else zh-CN for a Chinese browser, else English. */
export function initialLocale(): Locale {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(PREF);
  } catch {
    // storage blocked: follow the browser
  }
  if (stored === 'zh-CN' || stored === 'en') return stored;
  const langs = navigator.languages ?? [navigator.language];
  return langs.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(PREF, locale);
  } catch {
    // the choice lasts this page only
  }
}

export type LiveTranslate = (key: LiveKey, vars?: Record<string, string | number>) => string;

export function liveTranslator(locale: Locale): LiveTranslate {
  const dict = dictionaries[locale];
  return (key, vars) => {
    let text = dict[key];
    for (const [name, value] of Object.entries(vars ?? {})) text = text.replace(`{${name}}`, String(value));
    return text;
  };
}
