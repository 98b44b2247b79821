import type { KbEntry, KbTestResult } from '@warmdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Http, loginAs, startTestServer, type TestServer, testConfig } from '../../../test/harness.js';
import { startServer } from '../../server.js';
import { createAccount } from '../accounts/create-account.js';
import { KbIndexes } from './kb-indexes.js';
import {
  type BotCustomer,
  botCustomer,
  botInbox,
  createEntries,
  OUT_OF_SCOPE,
  textsAtLevel,
  withoutEmbeddingModel,
} from './testing.js';

withoutEmbeddingModel();

let server: TestServer;
let admin: Http;
let supervisor: Http;
let agent: Http;
let other: Http;
let sessions: Record<'admin' | 'other', { cookie: string; csrfToken: string }>;
const customers: BotCustomer[] = [];

type ImportResult = { created: number; updated: number; errors: { line: number; message: string }[] };
type List = { entries: KbEntry[]; total: number };

beforeAll(async () => {
  server = await startTestServer();
  const a = await loginAs(server, server.demo.admin.email, server.demo.admin.password);
  admin = a.http;
  supervisor = (await loginAs(server, server.demo.supervisor.email, server.demo.supervisor.password)).http;
  const firstAgent = server.demo.agents[0];
  if (!firstAgent) throw new Error('no demo agent');
  agent = (await loginAs(server, firstAgent.email, firstAgent.password)).http;
  await createAccount(server.ctx.db.pool, {
    name: 'Other shop',
    adminEmail: 'kb-boss@other.example',
    adminName: 'Other boss',
    password: 'other-password-1',
  });
  const o = await loginAs(server, 'kb-boss@other.example', 'other-password-1');
  other = o.http;
  sessions = { admin: a, other: o };
});
afterAll(async () => {
  for (const c of customers) c.socket.close();
  await server.stop();
});

/** Uploads a file to the import route as the browser does (multipart, session cookie, CSRF header). */
async function upload(
  who: 'admin' | 'other',
  name: string,
  content: string | Uint8Array<ArrayBuffer>,
): Promise<{ status: number; body: ImportResult }> {
  const form = new FormData();
  form.append('file', new Blob([content]), name);
  const { cookie, csrfToken } = sessions[who];
  const res = await fetch(`${server.url}/api/v1/kb/import`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as ImportResult };
}

async function download(who: Http, format: 'csv' | 'tsv') {
  const res = await who<string>('GET', `/api/v1/kb/export?format=${format}`);
  return { ...res, text: typeof res.body === 'string' ? res.body : JSON.stringify(res.body) };
}

const comparable = (entries: KbEntry[]) =>
  entries
    .map((e) => ({ questions: e.questions, answer: e.answer.text, tags: e.tags, enabled: e.enabled }))
    .sort((x, y) => (x.questions[0] ?? '').localeCompare(y.questions[0] ?? ''));

describe('the knowledge base', () => {
  it('is kept by supervisors and admins (audited), read and searched by every agent', async () => {
    const created = await supervisor<KbEntry>('POST', '/api/v1/kb/entries', {
      questions: ['  怎么开发票 ', '可以开增值税发票吗', '怎么开发票'],
      answer: { text: '在订单详情页申请电子发票。', cards: [{ title: '发票说明' }] },
      tags: ['发票'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      questions: ['怎么开发票', '可以开增值税发票吗'],
      answer: { text: '在订单详情页申请电子发票。', images: [], cards: [{ title: '发票说明', price: '', url: null }] },
      enabled: true,
      handoff: false,
      hits: 0,
    });
    const id = created.body.id;
    expect((await agent<KbEntry>('GET', `/api/v1/kb/entries/${id}`)).body.questions[0]).toBe('怎么开发票');
    const search = async (query: string) =>
      (await agent<List>('GET', `/api/v1/kb/entries?${query}`)).body.entries.map((e) => e.id);
    expect(await search('q=增值税')).toContain(id);
    expect(await search('q=电子发票')).toContain(id);
    expect(await search('tag=发票')).toContain(id);
    expect(await search('q=%25')).not.toContain(id);

    expect((await agent('POST', '/api/v1/kb/entries', { questions: ['x'], answer: { text: 'y' } })).status).toBe(403);
    expect((await agent('PATCH', `/api/v1/kb/entries/${id}`, { enabled: false })).status).toBe(403);
    expect((await admin('POST', '/api/v1/kb/entries', { questions: [], answer: { text: 'y' } })).status).toBe(400);

    const patched = await admin<KbEntry>('PATCH', `/api/v1/kb/entries/${id}`, {
      enabled: false,
      tags: ['发票', '财务'],
    });
    expect(patched.body).toMatchObject({
      enabled: false,
      tags: ['发票', '财务'],
      questions: ['怎么开发票', '可以开增值税发票吗'],
    });
    expect((await admin('DELETE', `/api/v1/kb/entries/${id}`)).status).toBe(204);
    expect((await admin('GET', `/api/v1/kb/entries/${id}`)).status).toBe(404);
    expect((await admin('DELETE', `/api/v1/kb/entries/${id}`)).status).toBe(404);
    const audit = await admin<{ items: { action: string }[] }>('GET', '/api/v1/audit-log');
    expect(audit.body.items.map((i) => i.action)).toEqual(
      expect.arrayContaining(['kb_entry.created', 'kb_entry.updated', 'kb_entry.deleted']),
    );
  });

  it('exports and imports CSV and TSV, Chinese text with commas, quotes, tabs and line breaks intact', async () => {
    await createEntries(admin, [
      {
        questions: ['退货，需要什么条件？', '可以 "无理由" 退货吗'],
        answer: {
          text: '收货后七天内，商品完好即可退货。\n运费：质量问题由我们承担，"其他"情况买家承担。',
          images: [],
          cards: [],
        },
        tags: ['售后', '退货'],
      },
      {
        questions: ['=1+1 是公式吗', '包装\t里有什么'],
        answer: { text: '只是文字，不是公式。', images: [], cards: [] },
        enabled: false,
      },
    ]);
    const before = (await admin<List>('GET', '/api/v1/kb/entries?limit=100')).body.entries;
    for (const format of ['csv', 'tsv'] as const) {
      const file = await download(admin, format);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-disposition')).toMatch(
        new RegExp(`^attachment; filename="warmdesk-kb-.*\\.${format}"$`),
      );
      const rows = file.text.replace(/^\uFEFF/, '').split('\r\n');
      expect(rows[0]).toBe(
        format === 'csv' ? 'id,question,answer,tags,enabled' : 'id\tquestion\tanswer\ttags\tenabled',
      );
      // Re-importing its own export changes nothing and creates nothing.
      const again = await upload('admin', `kb.${format}`, file.text);
      expect(again.body).toEqual({ created: 0, updated: before.length, errors: [] });
      expect(comparable((await admin<List>('GET', '/api/v1/kb/entries?limit=100')).body.entries)).toEqual(
        comparable(before),
      );
    }
    // Into another account: the same entries, created.
    const tsv = await download(admin, 'tsv');
    const imported = await upload('other', 'from-the-other-shop.txt', tsv.text);
    expect(imported.body).toEqual({ created: before.length, updated: 0, errors: [] });
    expect(comparable((await other<List>('GET', '/api/v1/kb/entries?limit=100')).body.entries)).toEqual(
      comparable(before),
    );
  });

  it('imports rows with the same id as variants, lists the lines it skipped, reads GB18030, refuses huge files', async () => {
    const csv = [
      'ID,Question,Answer,Tags,Enabled',
      'faq-1,会员怎么升级,"消费满 1,000 元自动升级",会员|等级,true',
      'faq-1,如何成为VIP,,,',
      ',,没有问题的一行,,',
      'faq-2,积分有效期,一年,,maybe',
      'faq-3,"没有结束的引号,答案',
    ].join('\n');
    const res = await upload('admin', 'faq.csv', csv);
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(1);
    expect(res.body.errors.map((e) => e.line)).toEqual([4, 5, 6]);
    const found = (await admin<List>('GET', `/api/v1/kb/entries?q=${encodeURIComponent('会员怎么升级')}`)).body.entries;
    expect(found[0]).toMatchObject({
      questions: ['会员怎么升级', '如何成为VIP'],
      answer: { text: '消费满 1,000 元自动升级' },
      tags: ['会员', '等级'],
    });

    const gbk: Uint8Array<ArrayBuffer> = new Uint8Array([
      ...Buffer.from('question,answer\n'),
      ...[0xcd, 0xcb, 0xbb, 0xf5], // 退货
      0x2c,
      ...[0xc6, 0xdf, 0xcc, 0xec], // 七天
      0x0a,
    ]);
    expect((await upload('admin', 'excel.csv', gbk)).body).toMatchObject({ created: 1, errors: [] });
    const gbkEntries = (await admin<List>('GET', `/api/v1/kb/entries?q=${encodeURIComponent('七天')}`)).body.entries;
    expect(gbkEntries.some((e) => e.questions[0] === '退货' && e.answer.text === '七天')).toBe(true);

    const huge = `question,answer\n${'问,答\n'.repeat(700_000)}`;
    expect((await upload('admin', 'huge.csv', huge)).status).toBe(413);
    expect((await upload('admin', 'empty.csv', 'hello\n')).body.errors[0]?.line).toBe(1);
  });

  it('keeps the product words and tries messages in the test console', async () => {
    expect((await agent<{ words: string[] }>('GET', '/api/v1/kb/dictionary')).body).toEqual({ words: [] });
    expect((await agent('PUT', '/api/v1/kb/dictionary', { words: ['花呗'] })).status).toBe(403);
    const put = await supervisor<{ words: string[] }>('PUT', '/api/v1/kb/dictionary', {
      words: ['花呗', '借呗', '花呗'],
    });
    expect(put.body).toEqual({ words: ['花呗', '借呗'] });
    expect((await agent<{ words: string[] }>('GET', '/api/v1/kb/dictionary')).body.words).toEqual(['花呗', '借呗']);

    const [entry] = await createEntries(admin, [
      {
        questions: ['花呗怎么开通', '可以用花呗付款吗'],
        answer: { text: '结算时选择花呗即可。', images: [], cards: [] },
      },
    ]);
    const test = async (text: string) => (await agent<KbTestResult>('POST', '/api/v1/kb/test', { text })).body;
    const hit = await test('花呗怎么开通');
    expect(hit).toMatchObject({ level: 'answer', handoffRequested: false, angry: false });
    expect(hit.candidates[0]).toMatchObject({ entryId: entry?.id, question: '花呗怎么开通' });
    expect(typeof hit.model).toBe('string');
    expect((await test('转人工')).handoffRequested).toBe(true);
    expect((await test('你们这什么垃圾服务，气死我了')).angry).toBe(true);
    // The other account's console knows none of these.
    const theirs = (await other<KbTestResult>('POST', '/api/v1/kb/test', { text: '花呗怎么开通' })).body;
    expect(theirs.candidates.map((c) => c.entryId)).not.toContain(entry?.id);
  });

  it('lists what the bot could not answer, grouped, and turns it into variants', async () => {
    const [shipping] = await createEntries(admin, [
      { questions: ['今天发货吗'], answer: { text: '下午四点前的订单当天发货。', images: [], cards: [] } },
    ]);
    const inbox = await botInbox(admin, { bot: { maxMisses: 5 } });
    const [asked = '', other1 = ''] = await textsAtLevel(agent, 'handoff', OUT_OF_SCOPE, 2);
    for (let i = 0; i < 2; i++) {
      const c = await botCustomer(server, inbox.inboxKey);
      customers.push(c);
      await c.say(asked, 2);
    }
    const dismissed = await botCustomer(server, inbox.inboxKey);
    customers.push(dismissed);
    await dismissed.say(other1, 2);
    type Clusters = {
      clusters: { label: string; size: number; questions: { id: string; text: string }[] }[];
      total: number;
    };
    const list = (await agent<Clusters>('GET', '/api/v1/kb/unanswered?days=7')).body;
    const cluster = list.clusters.find((c) => c.questions.some((q) => q.text === asked));
    expect(cluster?.questions.filter((q) => q.text === asked)).toHaveLength(2);
    expect(list.clusters[0]?.size).toBeGreaterThanOrEqual(2);
    expect((await other<Clusters>('GET', '/api/v1/kb/unanswered')).body.total).toBe(0);

    const ids = (cluster?.questions ?? []).filter((q) => q.text === asked).map((q) => q.id);
    const body = { action: 'add_variant', questionIds: ids, entryId: shipping?.id };
    expect((await agent('POST', '/api/v1/kb/unanswered/resolve', body)).status).toBe(403);
    expect((await other('POST', '/api/v1/kb/unanswered/resolve', body)).status).toBe(404);
    const resolved = await supervisor<{ resolved: number; entry: KbEntry }>(
      'POST',
      '/api/v1/kb/unanswered/resolve',
      body,
    );
    expect(resolved.body.resolved).toBe(2);
    expect(resolved.body.entry.questions).toEqual(['今天发货吗', asked]);
    const quantum = list.clusters.flatMap((c) => c.questions).filter((q) => q.text === other1);
    const dismiss = { action: 'dismiss', questionIds: quantum.map((q) => q.id) };
    expect((await admin('POST', '/api/v1/kb/unanswered/resolve', dismiss)).body).toEqual({ resolved: 1, entry: null });
    const after = (await agent<Clusters>('GET', '/api/v1/kb/unanswered')).body.clusters.flatMap((c) => c.questions);
    expect(after.map((q) => q.text)).not.toContain(asked);
    expect(after.map((q) => q.text)).not.toContain(other1);

    // The bot answers it now.
    const c = await botCustomer(server, inbox.inboxKey);
    customers.push(c);
    await c.say(asked, 2);
    expect(c.fromBot()[1]?.content).toBe('下午四点前的订单当天发货。');
  });

  it("is the account's own: another account's ids are unknown", async () => {
    const [mine] = await createEntries(admin, [
      { questions: ['只属于我们'], answer: { text: '是的。', images: [], cards: [] } },
    ]);
    const id = mine?.id;
    expect((await other('GET', `/api/v1/kb/entries/${id}`)).status).toBe(404);
    expect((await other('PATCH', `/api/v1/kb/entries/${id}`, { enabled: false })).status).toBe(404);
    expect((await other('DELETE', `/api/v1/kb/entries/${id}`)).status).toBe(404);
    expect((await other<List>('GET', '/api/v1/kb/entries?q=只属于我们')).body.total).toBe(0);
    expect((await download(other, 'csv')).text).not.toContain('只属于我们');
    // An import naming our id creates an entry of their own instead of touching ours.
    const res = await upload('other', 'steal.csv', `id,question,answer\n${id},改掉它,被改了\n`);
    expect(res.body).toMatchObject({ created: 1, updated: 0 });
    expect((await admin<KbEntry>('GET', `/api/v1/kb/entries/${id}`)).body.questions).toEqual(['只属于我们']);
  });

  it('is seen changed by every server process on the database', async () => {
    const second = await startServer(testConfig(server.databaseUrl));
    try {
      const [entry] = await createEntries(admin, [
        { questions: ['门店几点开门'], answer: { text: '每天早上十点开门。', images: [], cards: [] } },
      ]);
      const inbox = await botInbox(admin);
      const first = await botCustomer(second, inbox.inboxKey);
      customers.push(first);
      await first.say('门店几点开门', 2);
      expect(first.fromBot()[1]?.content).toBe('每天早上十点开门。');
      // Changed through the first process; the second process's index learns the new variant.
      await admin('PATCH', `/api/v1/kb/entries/${entry?.id}`, { questions: ['门店几点开门', '你们早上什么时候营业'] });
      const later = await botCustomer(second, inbox.inboxKey);
      customers.push(later);
      await later.say('你们早上什么时候营业', 2);
      expect(later.fromBot()[1]?.content).toBe('每天早上十点开门。');
    } finally {
      for (const c of customers.splice(-2)) c.socket.close();
      await second.close();
    }
  });
});

describe('indexes in memory', () => {
  it('drops an account index idle past the limit, and the least recently used past the count', async () => {
    const otherAccount = (
      await server.ctx.db.pool.query<{ account_id: string }>('SELECT account_id FROM users WHERE email = $1', [
        'kb-boss@other.example',
      ])
    ).rows[0]?.account_id;
    if (!otherAccount) throw new Error('no other account');
    const demoAccount = server.demo.accountId;
    const indexes = new KbIndexes(server.ctx.db.pool, server.ctx.log, { idleMs: 60_000, maxHeld: 1 });
    await indexes.current(demoAccount);
    expect(indexes.heldAccounts()).toEqual([demoAccount]);
    await indexes.current(otherAccount);
    indexes.evict();
    expect(indexes.heldAccounts()).toEqual([otherAccount]);
    // Still answers after eviction (rebuilt on use), then idles out.
    const again = await indexes.current(demoAccount);
    expect(again.entries.size).toBeGreaterThan(0);
    indexes.evict(Date.now() + 61_000);
    expect(indexes.heldAccounts()).toEqual([]);
  });
});
