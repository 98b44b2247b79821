import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults and generates a persisted session secret', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wd-config-'));
    const a = loadConfig({ WARMDESK_DATA_DIR: dir });
    expect(a.port).toBe(3000);
    expect(a.embeddedPgPort).not.toBe(5432);
    expect(a.databaseUrl).toBeUndefined();
    expect(a.sessionSecret.length).toBeGreaterThanOrEqual(32);
    const b = loadConfig({ WARMDESK_DATA_DIR: dir });
    expect(b.sessionSecret).toBe(a.sessionSecret);
    const file = join(dir, 'secrets', 'session-secret');
    expect(readFileSync(file, 'utf8')).toBe(a.sessionSecret);
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('stops with a message naming each bad value', () => {
    const bad = () =>
      loadConfig({
        WARMDESK_PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        WARMDESK_LOG_LEVEL: 'loud',
        WARMDESK_DATA_DIR: '/tmp/x',
      });
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain('WARMDESK_PORT');
      expect(msg).toContain('DATABASE_URL');
      expect(msg).toContain('WARMDESK_LOG_LEVEL');
    }
    expect(() => loadConfig({ WARMDESK_PORT: '70000' })).toThrow(/WARMDESK_PORT/);
    expect(() => loadConfig({ WARMDESK_SESSION_SECRET: 'short' })).toThrow(/WARMDESK_SESSION_SECRET/);
  });

  it('runs on one process unless REDIS_URL names a Redis, and checks it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wd-config-'));
    expect(loadConfig({ WARMDESK_DATA_DIR: dir }).redisUrl).toBeUndefined();
    expect(loadConfig({ WARMDESK_DATA_DIR: dir, REDIS_URL: '' }).redisUrl).toBeUndefined();
    const c = loadConfig({ WARMDESK_DATA_DIR: dir, REDIS_URL: 'rediss://:pw@cache.internal:6380/2' });
    expect(c.redisUrl).toBe('rediss://:pw@cache.internal:6380/2');
    expect(c.redisPrefix).toBe('warmdesk');
    expect(() => loadConfig({ WARMDESK_DATA_DIR: dir, REDIS_URL: 'http://cache:6379' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ WARMDESK_DATA_DIR: dir, WARMDESK_REDIS_PREFIX: 'a b' })).toThrow(/WARMDESK_REDIS_PREFIX/);
  });

  it('runs every service and spawns one SFU process by default; checks the media settings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wd-config-'));
    const d = loadConfig({ WARMDESK_DATA_DIR: dir });
    expect(d.services).toEqual(['api', 'realtime', 'worker', 'media']);
    expect(d.media).toMatchObject({ processes: 1, urls: [], maxViewersPerProcess: 200, useIceServers: false });
    const c = loadConfig({
      WARMDESK_DATA_DIR: dir,
      SERVICES: 'api, realtime',
      WARMDESK_MEDIA_URLS: 'http://10.0.0.5:7100,http://10.0.0.6:7100',
      WARMDESK_MEDIA_SECRET: 'a-long-enough-media-secret',
      WARMDESK_MEDIA_PORT_RANGE: '40000-40999',
      WARMDESK_MEDIA_PUBLIC_IP: '203.0.113.7',
    });
    expect(c.services).toEqual(['api', 'realtime']);
    expect(c.media.urls).toHaveLength(2);
    expect(c.media.portRange).toEqual({ begin: 40000, end: 40999 });
    expect(c.media.publicIp).toBe('203.0.113.7');
    expect(() => loadConfig({ WARMDESK_DATA_DIR: dir, SERVICES: 'api,mail' })).toThrow(/SERVICES/);
    expect(() => loadConfig({ WARMDESK_DATA_DIR: dir, WARMDESK_MEDIA_PORT_RANGE: '5000-400' })).toThrow(
      /WARMDESK_MEDIA_PORT_RANGE/,
    );
    expect(() => loadConfig({ WARMDESK_DATA_DIR: dir, WARMDESK_MEDIA_URLS: 'http://sfu:7100' })).toThrow(
      /WARMDESK_MEDIA_SECRET/,
    );
    expect(() => loadConfig({ WARMDESK_DATA_DIR: dir, WARMDESK_MEDIA_PUBLIC_IP: 'sfu.example.com' })).toThrow(
      /WARMDESK_MEDIA_PUBLIC_IP/,
    );
  });
});
