import type { SenderType } from '@warmdesk/protocol';
import { TRANSCRIPT_MAX_MESSAGES, type TranscriptHead, type TranscriptMessage } from './transcript-data.js';

export type RenderedMail = { subject: string; text: string; html: string };

const TITLE = '对话记录 / Conversation transcript';
const FOOTER = '您在对话中请求了这份记录。/ You asked for this transcript in the chat.';
const TRUNCATED = `仅包含前 ${TRANSCRIPT_MAX_MESSAGES} 条消息。/ Only the first ${TRANSCRIPT_MAX_MESSAGES} messages are included.`;
const ATTACHMENT = '附件 / Attachment';
const EMPTY = '（没有消息）/ (no messages)';

const defaultNames: Record<SenderType, string> = {
  contact: '您 / You',
  user: '客服 / Agent',
  bot: '机器人 / Bot',
  system: '系统 / System',
};

const senderOf = (m: TranscriptMessage) =>
  m.senderType === 'contact' ? defaultNames.contact : m.senderName || defaultNames[m.senderType];

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function validTimeZone(zone: string | null): string {
  if (!zone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

/** `2025-03-01 14:05` in the given zone. */
function timeFormatter(timeZone: string): (d: Date) => string {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (d) => {
    const p = Object.fromEntries(f.formatToParts(d).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  };
}

/** The transcript mail, plain text and HTML; in HTML every piece of user content is escaped. */
export function renderTranscript(
  head: TranscriptHead,
  messages: readonly TranscriptMessage[],
  truncated: boolean,
): RenderedMail {
  const zone = validTimeZone(head.timeZone);
  const time = timeFormatter(zone);
  const where = `${head.inboxName.replace(/[\r\n]+/g, ' ').trim()} #${head.displayId}`;
  const zoneLine = `时区 / Time zone: ${zone}`;
  const entries = messages.map((m) => ({
    sender: senderOf(m),
    at: time(m.at),
    content: m.content,
    files: m.fileNames,
  }));

  const text = [
    TITLE,
    where,
    zoneLine,
    '',
    ...(entries.length ? [] : [EMPTY, '']),
    ...entries.flatMap((e) => [
      `[${e.at}] ${e.sender}`,
      ...(e.content.trim() ? [e.content] : []),
      ...e.files.map((f) => `${ATTACHMENT}: ${f}`),
      '',
    ]),
    ...(truncated ? [TRUNCATED, ''] : []),
    '--',
    FOOTER,
  ].join('\n');

  const muted = 'color:#57606a;font-size:12px';
  const htmlEntries = entries.map(
    (e) => `<div style="border-top:1px solid #d0d7de;padding:8px 0">
<div style="${muted}"><strong style="color:#1f2328">${escapeHtml(e.sender)}</strong> · ${escapeHtml(e.at)}</div>
${e.content.trim() ? `<div style="white-space:pre-wrap;word-break:break-word">${escapeHtml(e.content)}</div>` : ''}
${e.files.map((f) => `<div style="${muted}">${ATTACHMENT}: ${escapeHtml(f)}</div>`).join('\n')}
</div>`,
  );
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(TITLE)}</title></head>
<body style="font-family:-apple-system,'PingFang SC','Microsoft YaHei',Arial,sans-serif;color:#1f2328;max-width:640px;margin:0 auto;padding:16px">
<h1 style="font-size:18px;margin:0 0 4px">${escapeHtml(TITLE)}</h1>
<p style="${muted};margin:0 0 12px">${escapeHtml(where)}<br>${escapeHtml(zoneLine)}</p>
${entries.length ? htmlEntries.join('\n') : `<p>${escapeHtml(EMPTY)}</p>`}
${truncated ? `<p style="${muted}">${escapeHtml(TRUNCATED)}</p>` : ''}
<p style="${muted};border-top:1px solid #d0d7de;padding-top:8px">${escapeHtml(FOOTER)}</p>
</body></html>`;

  return { subject: `${TITLE} — ${where}`, text, html };
}
