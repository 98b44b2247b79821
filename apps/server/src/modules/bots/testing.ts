import { randomBytes } from 'node:crypto';
import type { BotSettings, KbEntry, KbEntryBody, KbTestResult, MatchLevel, Message } from '@warmdesk/protocol';
import { expect } from 'vitest';
import { type Http, http } from '../../../test/harness.js';
import { createAgents } from '../../../test/routing-helpers.js';
import { collect, connectSocket, type TestSocket, until } from '../../../test/sockets.js';

/* Test helpers of the bot's integration tests (not used by the server). */

/**
 * The bot's tests run on BM25 alone, as a server without the optional embedding model does: the same results
 * whether or not `npm run bot:model` was run on this machine (the model's accuracy is measured in bench/bot).
 */
export function withoutEmbeddingModel(): void {
  process.env.WARMDESK_BOT_MODEL_DIR = '/nonexistent/warmdesk-bot-model';
}

/**
 * A widget inbox with its bot first, served by its own team of new agents (none online until a test connects).
 * Hand-off on anger is off unless a test turns it on: the classifier's verdicts are its own tests' business.
 */
export async function botInbox(admin: Http, o: { agents?: number; bot?: Partial<BotSettings> } = {}) {
  const agents = await createAgents(admin, o.agents ?? 1, 5, 'bot');
  const team = await admin<{ id: string }>('POST', '/api/v1/teams', {
    name: `bot-team-${randomBytes(4).toString('hex')}`,
    memberIds: agents.map((a) => a.id),
  });
  const inbox = await admin<{ id: string; publicKey: string }>('POST', '/api/v1/inboxes', {
    name: `bot-inbox-${randomBytes(4).toString('hex')}`,
    type: 'web_widget',
    config: { routing: { teamIds: [team.body.id] }, bot: { enabled: true, handoffOnAnger: false, ...o.bot } },
  });
  if (inbox.status !== 201) throw new Error(`inbox failed: ${inbox.status} ${JSON.stringify(inbox.body)}`);
  return { agents, teamId: team.body.id, inboxId: inbox.body.id, inboxKey: inbox.body.publicKey };
}

/** A customer on the inbox with a conversation open and their socket collecting every message. */
export async function botCustomer(server: { url: string }, inboxKey: string) {
  const session = await http(server.url)<{ sessionToken: string; contactId: string }>(
    'POST',
    '/api/v1/widget/sessions',
    { inboxKey },
  );
  if (session.status !== 200) throw new Error(`session failed: ${session.status}`);
  const customer = http(server.url, { 'x-warmdesk-session': session.body.sessionToken });
  const socket: TestSocket = await connectSocket(server.url, 'customer', { sessionToken: session.body.sessionToken });
  const messages = collect(socket);
  const open = async () => (await customer<{ id: string }>('POST', '/api/v1/widget/conversations', {})).body.id;
  let conversationId = await open();
  const fromBot = () => messages.filter((m) => m.sender.type === 'bot' && m.conversationId === conversationId);
  return {
    http: customer,
    sessionToken: session.body.sessionToken,
    socket,
    messages,
    get conversationId() {
      return conversationId;
    },
    fromBot,
    /** Sends a message; with `replies`, waits until the bot has sent that many messages in all. */
    async say(content: string, replies?: number): Promise<Message> {
      const res = await customer<Message>('POST', `/api/v1/widget/conversations/${conversationId}/messages`, {
        content,
      });
      if (res.status !== 201) throw new Error(`send failed: ${res.status} ${JSON.stringify(res.body)}`);
      if (replies !== undefined) await until(() => fromBot().length >= replies, 10_000);
      return res.body;
    },
    /** A new conversation (after the last one was resolved). */
    async reopen(): Promise<void> {
      conversationId = await open();
    },
  };
}
export type BotCustomer = Awaited<ReturnType<typeof botCustomer>>;

export const attachmentOf = (m: Message | undefined) => m?.attachments[0] as Record<string, unknown> | undefined;

/** Creates entries through the REST API. */
export async function createEntries(admin: Http, bodies: Partial<KbEntryBody>[]): Promise<KbEntry[]> {
  const created: KbEntry[] = [];
  for (const body of bodies) {
    const res = await admin<KbEntry>('POST', '/api/v1/kb/entries', body);
    if (res.status !== 201) throw new Error(`entry failed: ${res.status} ${JSON.stringify(res.body)}`);
    created.push(res.body);
  }
  return created;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Texts the engine (as the test console reports) puts at `level`, neither angry nor asking for a person: tests of
 * the dialog follow what the engine decides rather than a calibration of the day.
 */
export async function textsAtLevel(agent: Http, level: MatchLevel, candidates: string[], count = 1): Promise<string[]> {
  const found = await findTextsAtLevel(agent, level, candidates, count);
  if (found.length < count) throw new Error(`fewer than ${count} of the probes are at level ${level}`);
  return found;
}

/** As `textsAtLevel`, but returns what it found (possibly nothing). */
export async function findTextsAtLevel(
  agent: Http,
  level: MatchLevel,
  candidates: string[],
  count = 1,
): Promise<string[]> {
  const found: string[] = [];
  for (const text of candidates) {
    const res = await agent<KbTestResult>('POST', '/api/v1/kb/test', { text });
    if (res.body.level === level && !res.body.angry && !res.body.handoffRequested) found.push(text);
    if (found.length === count) break;
  }
  return found;
}

export const OUT_OF_SCOPE = [
  '量子纠缠是什么原理',
  '火星上的天气怎么样',
  '周杰伦的新歌叫什么',
  '明天股市会涨吗',
  '给我讲个笑话',
  '宇宙有多大',
  'xyzzy plugh',
  '恐龙是怎么灭绝的',
  '如何学习弹钢琴',
  '今年世界杯冠军是谁',
];

/** Retries `check` until it passes or `ms` pass. */
export async function eventually(check: () => Promise<void>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > end) throw err;
      await sleep(50);
    }
  }
}

/** Says something and checks the bot stays silent. */
/** The bot says nothing more to the customer (after a new message). */
export async function expectSilence(c: BotCustomer) {
  const before = c.fromBot().length;
  await c.say('还在吗？我再问一下怎么退货');
  await sleep(400);
  expect(c.fromBot().length).toBe(before);
}
