import type { MailMessage } from '../../platform/mail.js';
import { escapeHtml } from '../widget-assets/html.js';

export type InvitationMail = {
  to: string;
  inviteeName: string;
  inviterName: string;
  accountName: string;
  inviteUrl: string;
  expiresAt: Date;
};

/** The invitation in Chinese and English, plain text and HTML (every name escaped in HTML). */
export function renderInvitationMail(m: InvitationMail): MailMessage {
  const day = m.expiresAt.toISOString().slice(0, 10);
  const zh = [
    `${m.inviteeName}，您好：`,
    `${m.inviterName} 邀请您加入「${m.accountName}」的 Warmdesk 客服工作台。`,
    `请在 ${day}（UTC）之前打开下面的链接，设置密码后即可登录：`,
  ];
  const en = [
    `Hello ${m.inviteeName},`,
    `${m.inviterName} invited you to the Warmdesk workspace of "${m.accountName}".`,
    `Open this link before ${day} (UTC) to set your password and sign in:`,
  ];
  const text = [...zh, m.inviteUrl, '', ...en, m.inviteUrl, ''].join('\n');
  const link = `<p><a href="${escapeHtml(m.inviteUrl)}">${escapeHtml(m.inviteUrl)}</a></p>`;
  const paragraphs = (lines: string[]) => lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n');
  const html = `<!doctype html>
<html><head><meta charset="utf-8"></head>
<body style="font-family:system-ui,sans-serif;font-size:14px;color:#1f2328">
${paragraphs(zh)}
${link}
<hr>
${paragraphs(en)}
${link}
</body></html>`;
  return {
    to: m.to,
    subject: `邀请您加入 ${m.accountName} / You are invited to ${m.accountName} on Warmdesk`,
    text,
    html,
  };
}
