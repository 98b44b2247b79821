import type { WidgetSettings } from '@warmdesk/protocol';

const en = { open: 'Open chat', close: 'Close chat', chat: 'Chat', unread: 'New message' };
const zh: Texts = { open: '打开在线客服', close: '关闭在线客服', chat: '在线客服', unread: '新消息' };
export type Texts = typeof en;

/** Chinese for a zh-CN inbox, or for a Chinese browser when the inbox follows the browser (`auto`). */
export function textsFor(locale: WidgetSettings['locale']): Texts {
  const chinese = locale === 'auto' ? /^zh/i.test(navigator.language) : locale === 'zh-CN';
  return chinese ? zh : en;
}
