import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, customerSession, type Http, startTestServer, type TestServer } from '../../../test/harness.js';
import { type SmtpSink, startSmtpSink } from '../../../test/smtp-sink.js';
import { TRANSCRIPTS_PER_MINUTE } from './routes.js';

let sink: SmtpSink;
let server: TestServer;
let api: Http;

type ErrorBody = { error: { code: string; message: string; details?: { reason?: string } } };

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startTestServer({ WARMDESK_SMTP_URL: sink.url, WARMDESK_MAIL_FROM: 'Demo Shop <help@shop.test>' });
  api = (await apiClient(server)).http;
});
afterAll(async () => {
  await server.stop();
  await sink.close();
});

async function customerWithConversation(target: TestServer = server) {
  const session = await customerSession(target, target.demo.inboxKey);
  const conv = await session.http<{ id: string; displayId: number }>('POST', '/api/v1/widget/conversations', {});
  const say = (content: string) =>
    session.http('POST', `/api/v1/widget/conversations/${conv.body.id}/messages`, { content });
  const transcript = (body?: { email?: string }) =>
    session.http<ErrorBody & { sent?: boolean }>(
      'POST',
      `/api/v1/widget/conversations/${conv.body.id}/transcript`,
      body ?? {},
    );
  return { session, conversationId: conv.body.id, displayId: conv.body.displayId, say, transcript };
}

/** A file message as the upload flow stores it (the transcript shows its file name). */
async function storeFileMessage(conversationId: string, contactId: string, fileName: string) {
  await server.ctx.db.pool.query(
    `WITH c AS (UPDATE conversations SET last_seq = last_seq + 1 WHERE id = $1 RETURNING account_id, last_seq)
     INSERT INTO messages (account_id, conversation_id, seq, sender_type, sender_id, kind, content, attachments)
     SELECT account_id, $1, last_seq, 'contact', $2, 'file', '', $3 FROM c`,
    [conversationId, contactId, JSON.stringify([{ id: randomUUID(), fileName, contentType: 'application/pdf' }])],
  );
}

describe('transcript by email', () => {
  it('mails the visible messages in order, escaped in HTML, to an address it then keeps', async () => {
    const c = await customerWithConversation();
    await c.say('你好，我的订单还没到');
    const reply = await api('POST', `/api/v1/conversations/${c.conversationId}/messages`, {
      content: 'Hi! Let me check order #1234.',
    });
    expect(reply.status).toBe(201);
    const note = await api('POST', `/api/v1/conversations/${c.conversationId}/messages`, {
      content: 'VIP customer, be nice',
      private: true,
    });
    expect(note.status).toBe(201);
    await c.say('<script>alert("x")</script> & thanks');
    await storeFileMessage(c.conversationId, c.session.contactId, 'invoice <2025>.pdf');

    const before = sink.received.length;
    const noEmail = await c.transcript();
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.error).toMatchObject({ code: 'bad_request', details: { reason: 'email_required' } });
    expect(noEmail.body.error.message).toContain('email');

    const sent = await c.transcript({ email: 'Buyer@Example.com' });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ sent: true });
    expect(sink.received).toHaveLength(before + 1);
    const { envelopeTo, mail } = sink.received[before] ?? expect.unreachable();
    expect(envelopeTo).toEqual(['buyer@example.com']);
    expect(mail.from?.text).toBe('"Demo Shop" <help@shop.test>');
    expect(mail.subject).toBe(`对话记录 / Conversation transcript — Demo shop website #${c.displayId}`);

    const text = mail.text ?? '';
    const order = [
      '您 / You',
      '你好，我的订单还没到',
      'Demo Admin',
      'Hi! Let me check order #1234.',
      '<script>alert("x")</script> & thanks',
      '附件 / Attachment: invoice <2025>.pdf',
    ].map((s) => text.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text).not.toContain('VIP');

    const html = typeof mail.html === 'string' ? mail.html : '';
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; thanks');
    expect(html).toContain('invoice &#60;2025&#62;.pdf');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('VIP');
    expect(html).toContain('对话记录 / Conversation transcript');

    const contact = await api<{ email: string | null }>('GET', `/api/v1/contacts/${c.session.contactId}`);
    expect(contact.body.email).toBe('buyer@example.com');
    // A known address is not replaced from the widget.
    const again = await c.transcript({ email: 'someone-else@example.com' });
    expect(again.status).toBe(202);
    expect(sink.received[before + 1]?.envelopeTo).toEqual(['buyer@example.com']);
  });

  it('is only for the conversation owner', async () => {
    const c = await customerWithConversation();
    await c.say('hello');
    const stranger = await customerSession(server, server.demo.inboxKey);
    const res = await stranger.http<ErrorBody>('POST', `/api/v1/widget/conversations/${c.conversationId}/transcript`, {
      email: 'thief@example.com',
    });
    expect(res.status).toBe(404);
    const bad = await c.transcript({ email: 'not an address' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });

  it(`is limited to ${TRANSCRIPTS_PER_MINUTE} a minute per customer`, async () => {
    const c = await customerWithConversation();
    await c.say('hello');
    for (let i = 0; i < TRANSCRIPTS_PER_MINUTE; i++) {
      expect((await c.transcript({ email: 'limit@example.com' })).status).toBe(202);
    }
    const limited = await c.transcript();
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    // Another customer (same IP) is not affected.
    const other = await customerWithConversation();
    expect((await other.transcript({ email: 'other@example.com' })).status).toBe(202);
  });

  it('says so clearly when the mail server refuses the message', async () => {
    const c = await customerWithConversation();
    await c.say('hello');
    sink.refuse(true);
    try {
      const res = await c.transcript({ email: 'refused@example.com' });
      expect(res.status).toBe(500);
      expect(res.body.error).toMatchObject({ code: 'internal', message: 'the mail server did not accept the message' });
    } finally {
      sink.refuse(false);
    }
  });

  it('says so clearly when no mail server is configured', async () => {
    const plain = await startTestServer();
    try {
      const c = await customerWithConversation(plain);
      await c.say('hello');
      const res = await c.transcript({ email: 'buyer@example.com' });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'bad_request', details: { reason: 'mail_not_configured' } });
      expect(res.body.error.message).toContain('WARMDESK_SMTP_URL');
    } finally {
      await plain.stop();
    }
  });
});
