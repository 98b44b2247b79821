import type { SessionInfo, User } from '@warmdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Http, http, loginAs, startTestServer, type TestServer } from '../../../test/harness.js';
import { type SmtpSink, startSmtpSink } from '../../../test/smtp-sink.js';

type Invitation = { userId: string; inviteUrl: string; emailed: boolean; expiresAt: string };

let sink: SmtpSink;
let server: TestServer;
let admin: Http;
const anon = () => http(server.url);

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startTestServer({ WARMDESK_SMTP_URL: sink.url, WARMDESK_MAIL_FROM: 'Demo Shop <help@shop.test>' });
  admin = (await loginAs(server, server.demo.admin.email, server.demo.admin.password)).http;
});
afterAll(async () => {
  await server.stop();
  await sink.close();
});

const codeOf = (url: string) => decodeURIComponent(new URL(url).hash.replace(/^#code=/, ''));

describe('inviting a colleague', () => {
  it('creates a user who cannot sign in yet, emails the link (zh and en), and lets them set a password', async () => {
    const res = await admin<Invitation>('POST', '/api/v1/users/invite', {
      email: 'New.Agent@Shop.Example',
      name: '小张',
      role: 'agent',
    });
    expect(res.status).toBe(201);
    expect(res.body.emailed).toBe(true);
    expect(res.body.inviteUrl.startsWith(`${server.url}/app/accept-invite#code=`)).toBe(true);
    const days = (Date.parse(res.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    const user = await admin<User>('GET', `/api/v1/users/${res.body.userId}`);
    expect(user.body).toMatchObject({ email: 'new.agent@shop.example', invited: true, active: true, role: 'agent' });
    const early = await anon()('POST', '/api/v1/auth/login', {
      email: 'new.agent@shop.example',
      password: 'anything1',
    });
    expect(early.status).toBe(401);

    await expect.poll(() => sink.received.length).toBe(1);
    const mail = sink.received[0];
    expect(mail?.envelopeTo).toEqual(['new.agent@shop.example']);
    expect(mail?.mail.subject).toContain('Warmdesk Demo');
    expect(mail?.mail.text).toContain(res.body.inviteUrl);
    expect(mail?.mail.text).toContain('邀请您加入');
    expect(mail?.mail.text).toContain('invited you');
    expect(mail?.mail.html).toContain('小张');

    const code = codeOf(res.body.inviteUrl);
    const weak = await anon()('POST', '/api/v1/auth/accept-invite', { code, password: 'short' });
    expect(weak.status).toBe(400);
    const accepted = await fetch(`${server.url}/api/v1/auth/accept-invite`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, password: 'a-good-password-1' }),
    });
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    const info = (await accepted.json()) as SessionInfo;
    expect(info.user).toMatchObject({ id: res.body.userId, invited: false, status: 'online' });
    expect(info.account.id).toBe(server.demo.accountId);
    const cookie = (accepted.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await http(server.url, { cookie })('GET', '/api/v1/auth/me')).status).toBe(200);

    // The link works once; afterwards the password does.
    const reused = await anon()('POST', '/api/v1/auth/accept-invite', { code, password: 'another-password-2' });
    expect(reused.status).toBe(404);
    expect(reused.body).toMatchObject({ error: { code: 'not_found' } });
    const session = await loginAs(server, 'new.agent@shop.example', 'a-good-password-1');
    expect(session.user.id).toBe(res.body.userId);

    const audit = await admin<{ items: { action: string; targetId: string | null }[] }>('GET', '/api/v1/audit-log');
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({ action: 'user.invited', targetId: user.body.id }),
    );
  });

  it('re-issues a pending invitation (the old link stops working) and refuses once accepted', async () => {
    const first = await admin<Invitation>('POST', '/api/v1/users/invite', {
      email: 'later@shop.example',
      name: 'Later',
    });
    const second = await admin<Invitation>('POST', `/api/v1/users/${first.body.userId}/invite`);
    expect(second.status).toBe(200);
    expect(second.body.inviteUrl).not.toBe(first.body.inviteUrl);
    const stale = await anon()('POST', '/api/v1/auth/accept-invite', {
      code: codeOf(first.body.inviteUrl),
      password: 'a-good-password-1',
    });
    expect(stale.status).toBe(404);
    const ok = await anon()('POST', '/api/v1/auth/accept-invite', {
      code: codeOf(second.body.inviteUrl),
      password: 'a-good-password-1',
    });
    expect(ok.status).toBe(200);
    const again = await admin('POST', `/api/v1/users/${first.body.userId}/invite`);
    expect(again.status).toBe(409);
  });

  it('answers an expired code with a clear 400, and a taken email with 409', async () => {
    const inv = await admin<Invitation>('POST', '/api/v1/users/invite', { email: 'slow@shop.example', name: 'Slow' });
    await server.ctx.db.pool.query("UPDATE users SET invite_expires_at = now() - interval '1 minute' WHERE id = $1", [
      inv.body.userId,
    ]);
    const expired = await anon()<{ error: { code: string; message: string } }>('POST', '/api/v1/auth/accept-invite', {
      code: codeOf(inv.body.inviteUrl),
      password: 'a-good-password-1',
    });
    expect(expired.status).toBe(400);
    expect(expired.body.error.message).toMatch(/expired/);
    const unknown = await anon()('POST', '/api/v1/auth/accept-invite', {
      code: 'wdi_this-is-not-a-real-code-000',
      password: 'a-good-password-1',
    });
    expect(unknown.status).toBe(404);
    const dup = await admin('POST', '/api/v1/users/invite', { email: 'SLOW@shop.example', name: 'Again' });
    expect(dup.status).toBe(409);
    const demoEmail = await admin('POST', '/api/v1/users/invite', { email: server.demo.admin.email, name: 'X' });
    expect(demoEmail.status).toBe(409);
  });

  it('still gives the admin the link when the mail server refuses', async () => {
    sink.refuse(true);
    try {
      const res = await admin<Invitation>('POST', '/api/v1/users/invite', { email: 'bounce@shop.example', name: 'B' });
      expect(res.status).toBe(201);
      expect(res.body.emailed).toBe(false);
      expect(res.body.inviteUrl).toContain('#code=');
    } finally {
      sink.refuse(false);
    }
  });

  it('uses the configured public URL in the link', async () => {
    const other = await startTestServer({ WARMDESK_PUBLIC_URL: 'https://help.shop.example/' });
    try {
      // server.url is the public URL here; the test reaches the server on loopback.
      const local = { ...other, url: `http://127.0.0.1:${other.port}` };
      const a = await loginAs(local, other.demo.admin.email, other.demo.admin.password);
      const res = await a.http<Invitation>('POST', '/api/v1/users/invite', { email: 'far@shop.example', name: 'Far' });
      expect(res.body.emailed).toBe(false);
      expect(res.body.inviteUrl.startsWith('https://help.shop.example/app/accept-invite#code=')).toBe(true);
    } finally {
      await other.stop();
    }
  });
});
