import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { type Call, CSRF_HEADER, CUSTOMER_SESSION_HEADER, type IceServers, type Message } from '@warmdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callingCustomer, callOf, callTimeline, emitCall, startCall } from '../../../test/call-helpers.js';
import { loginAs, manualRouting, startTestServer, type TestServer, testConfig } from '../../../test/harness.js';
import { connectSocket, type TestSocket } from '../../../test/sockets.js';
import { ConfigError } from '../../platform/config.js';
import { attachmentFiles } from '../attachments/storage.js';
import { iceServersFor } from './ice-servers.js';
import { deleteExpiredRecordings } from './recording-retention.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
/** The start of a WebM file as MediaRecorder writes it (EBML header, DocType "webm"), padded to `size`. */
const webm = (size: number) => {
  const head = Buffer.concat([
    Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81, 0x04]),
    Buffer.from([0x42, 0xf3, 0x81, 0x08, 0x42, 0x82, 0x84]),
    Buffer.from('webm'),
    Buffer.from([0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02]),
  ]);
  return Buffer.concat([head, Buffer.alloc(size - head.length, 7)]);
};

const TURN = { secret: 'turn-shared-secret', ttl: 600 };
const UPLOAD_MAX = 32 * 1024;
const RECORDING_MAX = 96 * 1024;

let server: TestServer;
let agent: Awaited<ReturnType<typeof loginAs>>;
let agentSocket: TestSocket;
const open: TestSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({
    WARMDESK_ICE_SERVERS: JSON.stringify([{ urls: 'stun:stun.example.test:3478' }]),
    WARMDESK_TURN_URLS: 'turn:turn.example.test:3478?transport=udp, turns:turn.example.test:5349',
    WARMDESK_TURN_SECRET: TURN.secret,
    WARMDESK_TURN_TTL_SECONDS: String(TURN.ttl),
    WARMDESK_UPLOAD_MAX_BYTES: String(UPLOAD_MAX),
    WARMDESK_CALL_RECORDING_MAX_BYTES: String(RECORDING_MAX),
  });
  await manualRouting(server);
  const a = server.demo.agents[0];
  if (!a) throw new Error('no demo agent');
  agent = await loginAs(server, a.email, a.password);
  agentSocket = await connectSocket(server.url, 'agent', {}, { cookie: agent.cookie });
  open.push(agentSocket);
});
afterAll(async () => {
  for (const s of open) s.close();
  await server.stop();
});

async function upload(conversationId: string, file: { bytes: Buffer; name: string; type: string }, fields = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, String(v));
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const res = await fetch(`${server.url}/api/v1/conversations/${conversationId}/attachments`, {
    method: 'POST',
    headers: { cookie: agent.cookie, [CSRF_HEADER]: agent.csrfToken },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as Message & { error?: { code: string; message: string } } };
}

/** A customer in an answered video call with the demo agent. */
async function inCall() {
  const c = await callingCustomer(server, server.demo.inboxKey);
  open.push(c.socket);
  const call = callOf(await startCall(agentSocket, c.conversationId, 'video'));
  callOf(await emitCall(c.socket, 'call:accept', { callId: call.id }));
  return { c, call };
}

const setCallSettings = (settings: Record<string, unknown>) =>
  server.ctx.db.pool.query(`UPDATE inboxes SET config = jsonb_set(config, '{calls}', $2::jsonb) WHERE id = $1`, [
    server.demo.inboxId,
    JSON.stringify(settings),
  ]);

describe('ICE servers', () => {
  const expectTurn = (res: IceServers, who: string) => {
    expect(res.ttlSeconds).toBe(TURN.ttl);
    expect(res.iceServers[0]).toEqual({ urls: 'stun:stun.example.test:3478' });
    const turn = res.iceServers[1];
    expect(turn?.urls).toEqual(['turn:turn.example.test:3478?transport=udp', 'turns:turn.example.test:5349']);
    const [expiry, id] = (turn?.username ?? '').split(':');
    expect(id).toBe(who);
    expect(Number(expiry) - Date.now() / 1000).toBeGreaterThan(TURN.ttl - 30);
    expect(Number(expiry) - Date.now() / 1000).toBeLessThanOrEqual(TURN.ttl);
    // coturn's check: base64 HMAC-SHA1 of the username with the shared secret.
    expect(turn?.credential).toBe(
      createHmac('sha1', TURN.secret)
        .update(turn?.username ?? '')
        .digest('base64'),
    );
  };

  it('gives agents and customers coturn REST credentials of their own, and nobody else any', async () => {
    const forAgent = await agent.http<IceServers>('GET', '/api/v1/calls/ice-servers');
    expect(forAgent.status).toBe(200);
    expectTurn(forAgent.body, agent.user.id);
    const c = await callingCustomer(server, server.demo.inboxKey);
    open.push(c.socket);
    const forCustomer = await c.http<IceServers>('GET', '/api/v1/widget/calls/ice-servers');
    expect(forCustomer.status).toBe(200);
    expectTurn(forCustomer.body, c.contactId);
    expect((await fetch(`${server.url}/api/v1/calls/ice-servers`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/v1/widget/calls/ice-servers`)).status).toBe(401);
  });

  it('has no ICE servers by default (no public STUN), and refuses TURN URLs without a secret', () => {
    expect(iceServersFor(testConfig('postgres://x/y'), 'someone')).toEqual({ iceServers: [], ttlSeconds: 3600 });
    expect(() => testConfig('postgres://x/y', { WARMDESK_TURN_URLS: 'turn:t.example:3478' })).toThrow(ConfigError);
    expect(() => testConfig('postgres://x/y', { WARMDESK_ICE_SERVERS: '[{"url": 1}]' })).toThrow(
      /WARMDESK_ICE_SERVERS/,
    );
  });
});

describe('snapshots and recordings', () => {
  it('stores a snapshot as a private note of the call, never shown or served to the customer', async () => {
    const { c, call } = await inCall();
    const res = await upload(
      c.conversationId,
      { bytes: PNG, name: 'id-card.png', type: 'image/png' },
      { purpose: 'call_snapshot', callId: call.id },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'image', private: true });
    expect(res.body.attachments[0]).toMatchObject({
      action: 'call_snapshot',
      callId: call.id,
      contentType: 'image/png',
    });
    const url = String(res.body.attachments[0]?.url);
    const asCustomer = await fetch(`${server.url}${url}`, { headers: { [CUSTOMER_SESSION_HEADER]: c.sessionToken } });
    expect(asCustomer.status).toBe(404);
    expect((await fetch(`${server.url}${url}`, { headers: { cookie: agent.cookie } })).status).toBe(200);
    const lines = await callTimeline(agent.http, c.conversationId);
    expect(lines.at(-1)).toMatchObject({ event: 'snapshot', private: true });
    expect(c.calls.messages.some((m) => m.id === res.body.id || m.private)).toBe(false);

    // A plain private note with a file; and the field rules.
    const note = await upload(c.conversationId, { bytes: PNG, name: 'n.png', type: 'image/png' }, { private: 'true' });
    expect(note.body).toMatchObject({ kind: 'image', private: true });
    const pdfSnapshot = await upload(
      c.conversationId,
      { bytes: Buffer.from('%PDF-1.4\n%%EOF\n'), name: 'x.pdf', type: 'application/pdf' },
      { purpose: 'call_snapshot', callId: call.id },
    );
    expect(pdfSnapshot.status).toBe(415);
    const other = await callingCustomer(server, server.demo.inboxKey);
    open.push(other.socket);
    const wrongCall = await upload(
      other.conversationId,
      { bytes: PNG, name: 'a.png', type: 'image/png' },
      {
        purpose: 'call_snapshot',
        callId: call.id,
      },
    );
    expect(wrongCall.body.error).toMatchObject({ code: 'validation_failed', message: /callId: not a call/ });
    const noCall = await upload(
      c.conversationId,
      { bytes: PNG, name: 'a.png', type: 'image/png' },
      {
        purpose: 'call_snapshot',
      },
    );
    expect(noCall.body.error?.message).toMatch(/callId: required/);
    const form = new FormData();
    form.append('private', 'true');
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'a.png');
    const byCustomer = await fetch(`${server.url}/api/v1/widget/conversations/${c.conversationId}/attachments`, {
      method: 'POST',
      headers: { [CUSTOMER_SESSION_HEADER]: c.sessionToken },
      body: form,
    });
    expect(byCustomer.status).toBe(403);
    callOf(await emitCall(c.socket, 'call:hangup', { callId: call.id }));
  });

  it('refuses recordings unless the inbox allows them; then takes WebM up to the recording limit', async () => {
    const { c, call } = await inCall();
    const fields = { purpose: 'call_recording', callId: call.id };
    const recording = { bytes: webm(UPLOAD_MAX + 10_000), name: 'call.webm', type: 'video/webm' };
    const refused = await upload(c.conversationId, recording, fields);
    expect(refused.status).toBe(403);
    expect(refused.body.error?.message).toMatch(/does not allow call recordings/);

    await setCallSettings({ recording: true, recordingRetentionDays: 7 });
    // Larger than the ordinary upload limit, within the recording limit.
    const stored = await upload(c.conversationId, recording, fields);
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ kind: 'file', private: true });
    expect(stored.body.attachments[0]).toMatchObject({
      action: 'call_recording',
      callId: call.id,
      contentType: 'video/webm',
    });
    const audio = await upload(c.conversationId, { bytes: webm(2000), name: 'voice.webm', type: 'audio/webm' }, fields);
    expect(audio.body.attachments[0]?.contentType).toBe('audio/webm');
    const huge = await upload(c.conversationId, { ...recording, bytes: webm(RECORDING_MAX + 1) }, fields);
    expect(huge.status).toBe(413);
    const notWebm = await upload(c.conversationId, { bytes: PNG, name: 'call.webm', type: 'video/webm' }, fields);
    expect(notWebm.status).toBe(415);
    // Ordinary uploads keep their own limit, and WebM is not an ordinary upload type.
    expect((await upload(c.conversationId, { ...recording, bytes: webm(2000) }, {})).status).toBe(415);
    expect((await upload(c.conversationId, recording, { private: 'true' })).status).toBe(413);
    expect((await callTimeline(agent.http, c.conversationId)).map((l) => l.event)).toContain('recording');

    // Retention: the older recording goes (file and row), its message says so; the fresh one stays.
    const oldId = String(stored.body.attachments[0]?.id);
    await server.ctx.db.pool.query(`UPDATE attachments SET created_at = now() - interval '8 days' WHERE id = $1`, [
      oldId,
    ]);
    const file = attachmentFiles(server.ctx.config, server.demo.accountId, oldId).final;
    expect(existsSync(file)).toBe(true);
    expect(await deleteExpiredRecordings(server.ctx)).toBe(1);
    expect(existsSync(file)).toBe(false);
    const rows = await server.ctx.db.pool.query('SELECT id FROM attachments WHERE purpose = $1', ['call_recording']);
    expect(rows.rows.map((r) => r.id)).toEqual([audio.body.attachments[0]?.id]);
    const messages = await agent.http<{ messages: Message[] }>(
      'GET',
      `/api/v1/conversations/${c.conversationId}/messages?limit=100`,
    );
    const gone = messages.body.messages.find((m) => m.id === stored.body.id);
    expect(gone?.content).toMatch(/7/);
    expect(gone?.attachments).toEqual([
      { action: 'call_recording', callId: call.id, fileName: 'call.webm', deleted: true },
    ]);
    expect(await deleteExpiredRecordings(server.ctx)).toBe(0);

    const list = await agent.http<{ items: Call[] }>('GET', `/api/v1/conversations/${c.conversationId}/calls`);
    expect(list.body.items[0]?.id).toBe(call.id);
    await setCallSettings({});
  });
});
