import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Multipart, MultipartFile, MultipartValue } from '@fastify/multipart';
import { type AttachmentRef, CUSTOMER_SESSION_HEADER, type Message } from '@warmdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, customerSession, loginAs, startTestServer, type TestServer } from '../../../test/harness.js';
import { collect, connectSocket, type TestSocket, until, watchAll } from '../../../test/sockets.js';
import { customerFromSession } from '../../platform/auth/resolve.js';
import { createAccount } from '../accounts/create-account.js';
import { createApiToken } from '../api-tokens/create-api-token.js';
import { uploadAttachment } from './upload-attachment.js';

// A real 1x1 PNG and a minimal PDF.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
const HTML = Buffer.from('<!DOCTYPE html><html><script>alert(document.cookie)</script></html>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');

type Upload = { status: number; body: Message & { error?: { code: string; message: string } } };
type FileSpec = { bytes: Buffer; name: string; type?: string };

/** POSTs multipart/form-data like a browser; fields go before the file unless `fieldsAfter`. */
async function upload(
  base: string,
  path: string,
  headers: Record<string, string>,
  file: FileSpec | null,
  fields: Record<string, string> = {},
  fieldsAfter = false,
): Promise<Upload> {
  const form = new FormData();
  const addFields = () => {
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
  };
  if (!fieldsAfter) addFields();
  if (file) form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'image/png' }), file.name);
  if (fieldsAfter) addFields();
  const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: form });
  return { status: res.status, body: (await res.json()) as Upload['body'] };
}

async function download(base: string, url: string, headers: Record<string, string>) {
  const res = await fetch(`${base}${url}`, { headers });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Every file under a directory, relative paths. */
const filesUnder = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name))
    : [];

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const refOf = (m: Message) => m.attachments[0] as AttachmentRef;

let server: TestServer;
let dataDir: string;
let agentToken: string;
let agentSocket: TestSocket;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'wd-attachments-'));
  server = await startTestServer({ WARMDESK_DATA_DIR: dataDir });
  agentToken = (await apiClient(server)).token;
  agentSocket = await watchAll(await connectSocket(server.url, 'agent', { token: agentToken }));
  sockets.push(agentSocket);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function customerWithConversation(s: TestServer = server) {
  const session = await customerSession(s, s.demo.inboxKey);
  const conv = await session.http<{ id: string }>('POST', '/api/v1/widget/conversations', {});
  const headers = { [CUSTOMER_SESSION_HEADER]: session.sessionToken };
  return {
    session,
    headers,
    conversationId: conv.body.id,
    path: `/api/v1/widget/conversations/${conv.body.id}/attachments`,
  };
}

const countRows = async (s: TestServer, conversationId?: string) => {
  const { rows } = await s.ctx.db.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM attachments WHERE $1::uuid IS NULL OR conversation_id = $1',
    [conversationId ?? null],
  );
  return rows[0]?.n;
};

describe('uploading and downloading', () => {
  it('delivers a customer image to the agent socket, and both sides download the same bytes', async () => {
    const c = await customerWithConversation();
    const atAgent = collect(agentSocket);
    const res = await upload(server.url, c.path, c.headers, { bytes: PNG, name: 'pixel.png', type: 'image/png' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'image', content: 'pixel.png', sender: { type: 'contact' } });
    const ref = refOf(res.body);
    expect(ref).toEqual({
      id: expect.any(String),
      fileName: 'pixel.png',
      contentType: 'image/png',
      byteSize: PNG.length,
      url: `/api/v1/attachments/${ref.id}`,
    });
    await until(() => atAgent.some((m) => m.id === res.body.id));
    const pushed = atAgent.find((m) => m.id === res.body.id);
    expect(pushed).toMatchObject({ kind: 'image', attachments: [ref] });

    const { rows } = await server.ctx.db.pool.query('SELECT * FROM attachments WHERE id = $1', [ref.id]);
    expect(rows[0]).toMatchObject({ message_id: res.body.id, sha256: sha256(PNG), uploader_type: 'contact' });
    expect(readFileSync(join(dataDir, 'uploads', server.demo.accountId, ref.id))).toEqual(PNG);

    const mine = await download(server.url, ref.url, c.headers);
    expect(mine.status).toBe(200);
    expect(mine.bytes).toEqual(PNG);
    expect(Object.fromEntries(mine.headers)).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'content-disposition': "inline; filename*=UTF-8''pixel.png",
      'cache-control': 'private, max-age=86400',
      'content-security-policy': "default-src 'none'; sandbox",
    });
    const viaToken = await download(server.url, ref.url, { authorization: `Bearer ${agentToken}` });
    expect(viaToken.bytes).toEqual(PNG);
    const agent = await loginAs(server, server.demo.admin.email, server.demo.admin.password);
    const viaCookie = await download(server.url, ref.url, { cookie: agent.cookie });
    expect(viaCookie.status).toBe(200);
    expect(viaCookie.bytes).toEqual(PNG);

    // Private files (none can be uploaded as such yet) are for agents only.
    await server.ctx.db.pool.query('UPDATE attachments SET private = true WHERE id = $1', [ref.id]);
    expect((await download(server.url, ref.url, c.headers)).status).toBe(404);
    expect((await download(server.url, ref.url, { authorization: `Bearer ${agentToken}` })).status).toBe(200);
    await server.ctx.db.pool.query('UPDATE attachments SET private = false WHERE id = $1', [ref.id]);

    // Another customer, another account's agent, nobody: no file.
    const intruder = await customerSession(server, server.demo.inboxKey);
    const other = await download(server.url, ref.url, { [CUSTOMER_SESSION_HEADER]: intruder.sessionToken });
    expect(other.status).toBe(404);
    const otherAccount = await createAccount(server.ctx.db.pool, {
      name: 'Other shop',
      adminEmail: 'boss@other.example',
      adminName: 'Other boss',
      password: 'other-password-1',
    });
    const otherToken = await createApiToken(server.ctx.db.pool, {
      accountId: otherAccount.accountId,
      userId: otherAccount.adminId,
      name: 't',
      scopes: ['read', 'write'],
    });
    const foreign = await download(server.url, ref.url, { authorization: `Bearer ${otherToken.token}` });
    expect(foreign.status).toBe(404);
    expect((await download(server.url, ref.url, {})).status).toBe(401);
    // Nor may they upload into the conversation.
    const pushIn = await upload(
      server.url,
      c.path,
      { [CUSTOMER_SESSION_HEADER]: intruder.sessionToken },
      {
        bytes: PNG,
        name: 'x.png',
      },
    );
    expect(pushIn.status).toBe(404);
    const agentPushIn = await upload(
      server.url,
      `/api/v1/conversations/${c.conversationId}/attachments`,
      { authorization: `Bearer ${otherToken.token}` },
      { bytes: PNG, name: 'x.png' },
    );
    expect(agentPushIn.status).toBe(404);
    expect(await countRows(server, c.conversationId)).toBe(1);
  });

  it('posts an agent PDF as a file message the customer downloads as an attachment', async () => {
    const c = await customerWithConversation();
    const agent = await loginAs(server, server.demo.admin.email, server.demo.admin.password);
    const res = await upload(
      server.url,
      `/api/v1/conversations/${c.conversationId}/attachments`,
      { cookie: agent.cookie, 'x-csrf-token': agent.csrfToken },
      { bytes: PDF, name: '发票 (2024).pdf', type: 'application/pdf' },
      { caption: 'Your invoice' },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'file', content: 'Your invoice', sender: { type: 'user' }, private: false });
    const ref = refOf(res.body);
    expect(ref).toMatchObject({ fileName: '发票 (2024).pdf', contentType: 'application/pdf', byteSize: PDF.length });
    const got = await download(server.url, ref.url, c.headers);
    expect(got.status).toBe(200);
    expect(got.bytes).toEqual(PDF);
    expect(got.headers.get('content-disposition')).toBe(
      "attachment; filename*=UTF-8''%E5%8F%91%E7%A5%A8%20%282024%29.pdf",
    );
    const page = await c.session.http<{ messages: Message[] }>(
      'GET',
      `/api/v1/widget/conversations/${c.conversationId}/messages`,
    );
    expect(page.body.messages.map((m) => m.kind)).toEqual(['file']);
  });

  it('returns the original message for a resend with the same clientMsgId, storing one file', async () => {
    const c = await customerWithConversation();
    const clientMsgId = randomUUID();
    const file = { bytes: PNG, name: 'again.png' };
    const first = await upload(server.url, c.path, c.headers, file, { clientMsgId });
    const before = filesUnder(join(dataDir, 'uploads')).length;
    const resent = await upload(server.url, c.path, c.headers, file, { clientMsgId });
    const resentLate = await upload(server.url, c.path, c.headers, file, { clientMsgId }, true);
    expect([first.status, resent.status, resentLate.status]).toEqual([201, 201, 201]);
    expect(resent.body.id).toBe(first.body.id);
    expect(resentLate.body.id).toBe(first.body.id);
    expect(resent.body.attachments).toEqual(first.body.attachments);
    expect(await countRows(server, c.conversationId)).toBe(1);
    expect(filesUnder(join(dataDir, 'uploads')).length).toBe(before);
  });
});

/** Multipart parts as the plugin gives them, for driving uploadAttachment directly. */
const filePart = (bytes: Buffer, filename: string): MultipartFile => ({
  type: 'file',
  fieldname: 'file',
  filename,
  encoding: '7bit',
  mimetype: 'application/octet-stream',
  file: Object.assign(Readable.from([bytes]), { truncated: false, bytesRead: 0 }),
  fields: {},
  toBuffer: async () => bytes,
});
const fieldPart = (fieldname: string, value: string): MultipartValue => ({
  type: 'field',
  fieldname,
  value,
  mimetype: 'text/plain',
  encoding: '7bit',
  fieldnameTruncated: false,
  valueTruncated: false,
  fields: {},
});

describe('racing resends', () => {
  it('keep one message, one row and one file when they all pass the resend check', async () => {
    const c = await customerWithConversation();
    const principal = await customerFromSession(server.ctx, c.session.sessionToken);
    if (!principal) throw new Error('no customer');
    const clientMsgId = randomUUID();
    const racers = 3;
    // Every upload stores its file, then waits for the others: all look for the original before any has sent.
    let stored = 0;
    let release = () => {};
    const allStored = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* parts(): AsyncGenerator<Multipart> {
      yield filePart(PNG, 'race.png');
      stored += 1;
      if (stored === racers) release();
      await allStored;
      yield fieldPart('clientMsgId', clientMsgId);
    }
    // Open enough pool connections first, so that the racers' checks do not wait to connect one by one.
    await Promise.all(Array.from({ length: 2 * racers }, () => server.ctx.db.pool.query('SELECT pg_sleep(0.05)')));
    const before = filesUnder(join(dataDir, 'uploads')).length;
    const messages = await Promise.all(
      Array.from({ length: racers }, () =>
        uploadAttachment(server.ctx, { principal, conversationId: c.conversationId, parts: parts() }),
      ),
    );
    expect(new Set(messages.map((m) => m.id)).size).toBe(1);
    expect(await countRows(server, c.conversationId)).toBe(1);
    expect(filesUnder(join(dataDir, 'uploads')).length).toBe(before + 1);
    const { rows } = await server.ctx.db.pool.query(
      'SELECT id, message_id FROM attachments WHERE conversation_id = $1',
      [c.conversationId],
    );
    expect(rows).toEqual([{ id: messages[0] && refOf(messages[0]).id, message_id: messages[0]?.id }]);
  });
});

describe('refusals', () => {
  it('refuses executables, HTML and SVG whatever they are named, storing nothing', async () => {
    const c = await customerWithConversation();
    const before = filesUnder(join(dataDir, 'uploads'));
    const cases: FileSpec[] = [
      { bytes: EXE, name: 'cat.png', type: 'image/png' },
      { bytes: HTML, name: 'photo.jpg', type: 'image/jpeg' },
      { bytes: HTML, name: 'notes.txt', type: 'text/plain' },
      { bytes: SVG, name: 'logo.svg', type: 'image/svg+xml' },
      { bytes: SVG, name: 'logo.png', type: 'image/png' },
      { bytes: EXE, name: 'setup.exe', type: 'application/octet-stream' },
      { bytes: PNG, name: 'no-extension', type: 'image/png' },
    ];
    for (const file of cases) {
      const res = await upload(server.url, c.path, c.headers, file);
      expect(res.status, file.name).toBe(415);
      expect(res.body.error?.code).toBe('unsupported_media_type');
    }
    expect(await countRows(server, c.conversationId)).toBe(0);
    expect(filesUnder(join(dataDir, 'uploads'))).toEqual(before);
  });

  it('asks for the file part, and keeps JSON routes working', async () => {
    const c = await customerWithConversation();
    const none = await upload(server.url, c.path, c.headers, null, { caption: 'no file' });
    expect(none.status).toBe(400);
    expect(none.body.error?.code).toBe('validation_failed');
    const json = await c.session.http('POST', c.path, { file: 'x' });
    expect(json.status).toBe(400);
    const badId = await upload(server.url, c.path, c.headers, { bytes: PNG, name: 'a.png' }, { clientMsgId: 'nope' });
    expect(badId.status).toBe(400);
    expect(badId.body.error?.message).toContain('clientMsgId');
    const text = await c.session.http('POST', `/api/v1/widget/conversations/${c.conversationId}/messages`, {
      content: 'still JSON',
    });
    expect(text.status).toBe(201);
    expect(await countRows(server, c.conversationId)).toBe(0);
  });

  it('refuses a file over WARMDESK_UPLOAD_MAX_BYTES with 413, leaving no row and no file', async () => {
    const smallDir = mkdtempSync(join(tmpdir(), 'wd-attachments-small-'));
    const small = await startTestServer({ WARMDESK_UPLOAD_MAX_BYTES: '1000', WARMDESK_DATA_DIR: smallDir });
    try {
      const c = await customerWithConversation(small);
      const padded = Buffer.concat([PNG, Buffer.alloc(5000)]);
      const res = await upload(small.url, c.path, c.headers, { bytes: padded, name: 'big.png' });
      expect(res.status).toBe(413);
      expect(res.body.error).toMatchObject({ code: 'payload_too_large', message: expect.stringContaining('1000') });
      // Far over the limit: refused without reading it all, and the client still gets the answer.
      const huge = await upload(small.url, c.path, c.headers, {
        bytes: Buffer.concat([PNG, Buffer.alloc(8e6)]),
        name: 'huge.png',
      });
      expect(huge.status).toBe(413);
      expect(await countRows(small)).toBe(0);
      expect(filesUnder(join(smallDir, 'uploads'))).toEqual([]);
      expect(await answerBeforeBodyEnds(small, c.path, c.headers)).toMatch(/^HTTP\/1\.1 413[\s\S]*connection: close/i);
      const fits = await upload(small.url, c.path, c.headers, { bytes: PNG, name: 'small.png' });
      expect(fits.status).toBe(201);
      expect(await countRows(small)).toBe(1);
    } finally {
      await small.stop();
      rmSync(smallDir, { recursive: true, force: true });
    }
  });
});

/**
 * Announces a 50 MB upload but sends only its first 64 KiB, then waits: the server must answer and close the
 * connection without the rest (it stopped reading). Returns what it answered.
 */
function answerBeforeBodyEnds(s: TestServer, path: string, headers: Record<string, string>): Promise<string> {
  const boundary = 'wdboundary';
  const head = Buffer.from(
    `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="huge.png"\r\n` +
      'content-type: image/png\r\n\r\n',
  );
  const start = Buffer.concat([head, PNG, Buffer.alloc(64 * 1024)]);
  const { port } = new URL(s.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    const got: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer before the body ended: ${Buffer.concat(got).toString()}`));
    }, 5000);
    socket.on('data', (d) => got.push(d));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(got).toString('latin1'));
    });
    const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`);
    socket.write(
      `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: multipart/form-data; boundary=${boundary}\r\n` +
        `content-length: ${50 * 1024 * 1024}\r\n${extra.join('')}\r\n`,
    );
    socket.write(start);
  });
}
