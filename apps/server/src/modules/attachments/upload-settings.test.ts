import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../platform/config.js';
import { cleanFileName } from './file-name.js';
import { uploadPolicy } from './upload-policy.js';

describe('upload settings', () => {
  it('reads the limit from configuration and refuses a bad value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wd-upload-config-'));
    expect(loadConfig({ WARMDESK_DATA_DIR: dir }).uploadMaxBytes).toBe(10 * 1024 * 1024);
    expect(loadConfig({ WARMDESK_DATA_DIR: dir, WARMDESK_UPLOAD_MAX_BYTES: '2048' }).uploadMaxBytes).toBe(2048);
    expect(() => loadConfig({ WARMDESK_DATA_DIR: dir, WARMDESK_UPLOAD_MAX_BYTES: '10MB' })).toThrow(ConfigError);
    expect(() => loadConfig({ WARMDESK_DATA_DIR: dir, WARMDESK_UPLOAD_MAX_BYTES: '0' })).toThrow(
      /WARMDESK_UPLOAD_MAX_BYTES/,
    );
    const policy = uploadPolicy({ uploadMaxBytes: 2048 });
    expect(policy.maxBytes).toBe(2048);
    expect(policy.contentTypes).toContain('image/png');
    expect(policy.contentTypes).not.toContain('image/svg+xml');
    expect(policy.contentTypes).not.toContain('text/html');
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps client file names as harmless metadata', () => {
    expect(cleanFileName('../../etc/passwd.png')).toBe('passwd.png');
    expect(cleanFileName('C:\\Users\\me\\cat.jpg')).toBe('cat.jpg');
    expect(cleanFileName('in\u202Egpj.exe')).toBe('ingpj.exe');
    expect(cleanFileName('a\u0000b\nc.txt')).toBe('abc.txt');
    expect(cleanFileName('')).toBe('file');
    const long = cleanFileName(`${'名'.repeat(300)}.pdf`);
    expect([...long].length).toBe(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});
