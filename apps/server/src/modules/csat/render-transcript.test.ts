import { describe, expect, it } from 'vitest';
import { renderTranscript } from './render-transcript.js';
import { TRANSCRIPT_MAX_MESSAGES, type TranscriptHead, type TranscriptMessage } from './transcript-data.js';

const head = (timeZone: string | null): TranscriptHead => ({
  conversationId: 'c',
  displayId: 7,
  inboxName: 'Shop\r\nBcc: evil@example.com',
  contactId: 'k',
  contactEmail: null,
  timeZone,
});
const message = (m: Partial<TranscriptMessage>): TranscriptMessage => ({
  seq: 1,
  at: new Date('2025-03-01T06:05:00Z'),
  senderType: 'contact',
  senderName: null,
  content: 'hello',
  fileNames: [],
  ...m,
});

describe('rendering a transcript', () => {
  it("shows times in the customer's time zone, falling back to UTC for an unknown one", () => {
    expect(renderTranscript(head('Asia/Shanghai'), [message({})], false).text).toContain('[2025-03-01 14:05] 您 / You');
    const utc = renderTranscript(head('Mars/Olympus'), [message({})], false).text;
    expect(utc).toContain('[2025-03-01 06:05]');
    expect(utc).toContain('Time zone: UTC');
  });

  it('keeps the subject on one line and names senders without a name', () => {
    const mail = renderTranscript(
      head(null),
      [message({ senderType: 'user', senderName: null }), message({ senderType: 'bot', senderName: null })],
      false,
    );
    expect(mail.subject).toBe('对话记录 / Conversation transcript — Shop Bcc: evil@example.com #7');
    expect(mail.text).toContain('客服 / Agent');
    expect(mail.text).toContain('机器人 / Bot');
  });

  it('says when there are no messages or when the transcript was cut', () => {
    expect(renderTranscript(head(null), [], false).text).toContain('(no messages)');
    const cut = renderTranscript(head(null), [message({})], true);
    expect(cut.text).toContain(`first ${TRANSCRIPT_MAX_MESSAGES} messages`);
    expect(cut.html).toContain(`first ${TRANSCRIPT_MAX_MESSAGES} messages`);
  });

  it('escapes every piece of user content in HTML', () => {
    const mail = renderTranscript(
      { ...head(null), inboxName: '<i>Shop</i>' },
      [
        message({
          senderType: 'user',
          senderName: '<b>Eve</b>',
          content: `"'<img src=x onerror=alert(1)>&`,
          fileNames: ['<a>.pdf'],
        }),
      ],
      false,
    );
    expect(mail.html).not.toMatch(/<(i|b|img|a)[ >]/);
    expect(mail.html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(mail.html).toContain('&#34;&#39;');
  });
});
