import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_DIR } from './index.js';
import { missingModelFiles } from './model-files.js';

const script = fileURLToPath(new URL('../../scripts/fetch-model.ts', import.meta.url));

function fetchModel(modelDir: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    encoding: 'utf8',
    env: { ...process.env, WARMDESK_BOT_MODEL_DIR: modelDir },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

// Only the paths that need no download: the install itself runs in `npm install` (prepare) and CI.
describe('npm run bot:model', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'warmdesk-fetch-model-'));
  // A directory inside a regular file can never be created.
  const impossible = join(scratch, 'file', 'model');
  writeFileSync(join(scratch, 'file'), '');
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('does nothing but say so when the model is already installed', async () => {
    if ((await missingModelFiles(DEFAULT_MODEL_DIR)).length > 0) {
      throw new Error(`bot model missing in ${DEFAULT_MODEL_DIR}: run \`npm run bot:model\``);
    }
    const run = fetchModel(DEFAULT_MODEL_DIR);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`bot model: bge-small-zh-v1.5 already installed in ${DEFAULT_MODEL_DIR} (sha256 15b717c3)`);
  });

  it('with --optional, turns a failure into one warning and success', () => {
    const run = fetchModel(impossible, '--optional');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^bot model: warning: not installed .*BM25 alone/);
  });

  it('without --optional, fails with a clear message', () => {
    const run = fetchModel(impossible);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^bot model: failed: /);
  });
});
