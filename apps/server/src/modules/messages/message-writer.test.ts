import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerSession, startTestServer, type TestServer } from '../../../test/harness.js';
import type { InsertMessageInput } from './insert-message.js';
import { MessageWriter } from './message-writer.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

async function conversation() {
  const session = await customerSession(server, server.demo.inboxKey);
  const conv = await session.http<{ id: string }>('POST', '/api/v1/widget/conversations', {});
  return { id: conv.body.id, contactId: session.contactId };
}

const fromCustomer = (c: Awaited<ReturnType<typeof conversation>>, content: string): InsertMessageInput => ({
  accountId: server.demo.accountId,
  conversationId: c.id,
  customerInboxId: server.demo.inboxId,
  senderType: 'contact',
  senderId: c.contactId,
  clientMsgId: randomUUID(),
  kind: 'text',
  content,
  private: false,
});

describe('group commit of messages', () => {
  it('stores a burst in few statements, each conversation in the order written, without seq gaps', async () => {
    const writer = new MessageWriter(server.ctx.db.pool, { maxInFlight: 2, parallelFrom: 4, maxBatch: 16 });
    const conversations = await Promise.all(Array.from({ length: 6 }, () => conversation()));
    const writes = conversations.flatMap((c) =>
      Array.from({ length: 15 }, (_, n) => writer.write(fromCustomer(c, `message ${n}`))),
    );
    const results = await Promise.all(writes);
    expect(results.every((r) => r.created)).toBe(true);
    expect(writer.stats.messages).toBe(90);
    expect(writer.stats.statements).toBeLessThan(30);
    for (const c of conversations) {
      const { rows } = await server.ctx.db.pool.query<{ seq: number; content: string }>(
        'SELECT seq, content FROM messages WHERE conversation_id = $1 ORDER BY seq',
        [c.id],
      );
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 15 }, (_, n) => n + 1));
      expect(rows.map((r) => r.content)).toEqual(Array.from({ length: 15 }, (_, n) => `message ${n}`));
    }
  });

  it('answers a resend in the same burst with the original message', async () => {
    const writer = new MessageWriter(server.ctx.db.pool);
    const c = await conversation();
    const input = fromCustomer(c, 'only once');
    const [first, again] = await Promise.all([writer.write(input), writer.write({ ...input })]);
    expect(first?.created).toBe(true);
    expect(again?.created).toBe(false);
    expect(again?.row.id).toBe(first?.row.id);
    const { rows } = await server.ctx.db.pool.query('SELECT 1 FROM messages WHERE conversation_id = $1', [c.id]);
    expect(rows).toHaveLength(1);
  });

  it('refuses closed, foreign and malformed messages without losing the rest of their batch', async () => {
    const writer = new MessageWriter(server.ctx.db.pool, { maxInFlight: 1, parallelFrom: 1, maxBatch: 16 });
    const [good, closed, other] = await Promise.all([conversation(), conversation(), conversation()]);
    await server.ctx.db.pool.query("UPDATE conversations SET status = 'closed' WHERE id = $1", [closed?.id]);
    if (!good || !closed || !other) throw new Error('setup');
    const outcomes = await Promise.allSettled([
      writer.write(fromCustomer(good, 'kept')),
      writer.write(fromCustomer(closed, 'too late')),
      // Another customer's session cannot write to this conversation.
      writer.write({ ...fromCustomer(good, 'foreign'), conversationId: other.id }),
      writer.write({ ...fromCustomer(other, 'bad id'), conversationId: 'not-a-uuid' }),
      writer.write(fromCustomer(other, 'also kept')),
    ]);
    const codes = outcomes.map((o) =>
      o.status === 'fulfilled' ? 'stored' : ((o.reason as { code?: string }).code ?? 'error'),
    );
    expect(codes[0]).toBe('stored');
    expect(codes[1]).toBe('conversation_closed');
    expect(codes[2]).toBe('not_found');
    expect(codes[3]).not.toBe('stored');
    expect(codes[4]).toBe('stored');
    const { rows } = await server.ctx.db.pool.query<{ content: string }>(
      'SELECT content FROM messages WHERE conversation_id = ANY($1) ORDER BY content',
      [[good.id, closed.id, other.id]],
    );
    expect(rows.map((r) => r.content)).toEqual(['also kept', 'kept']);
  });
});
