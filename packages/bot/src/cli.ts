import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { loadEmbedder } from './embed/index.js';
import { buildIndex } from './match/index.js';
import { analyseSentiment } from './sentiment/index.js';
import type { Embedder, KbEntryInput } from './types.js';

const USAGE = `usage:
  warmdesk bot match --kb FILE [--top N]   match stdin lines (one query a line) against a TSV knowledge base
  warmdesk bot sentiment                   score stdin lines for anger
KB file: TSV with header "id<TAB>question"; rows with the same id are variants of one entry.
用法：warmdesk bot match --kb 文件 [--top N]（每行一个问题）；warmdesk bot sentiment（每行一条消息，判断是否愤怒）`;

/** A user error: printed without a stack; `usage` also prints the usage text. */
class CliError extends Error {
  constructor(
    message: string,
    readonly usage = false,
  ) {
    super(message);
  }
}

/** `warmdesk bot ...`; resolves to the process exit code. */
export async function runBotCli(args: string[]): Promise<number> {
  try {
    const [command, ...rest] = args;
    if (command === 'match') return await runMatch(rest);
    if (command === 'sentiment') return await runSentiment(rest);
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 1 : 0;
    }
    throw new CliError(`unknown bot command "${command}"`, true);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`warmdesk bot: ${error.message}\n${error.usage ? `${USAGE}\n` : ''}`);
      return 2;
    }
    throw error;
  }
}

function parseFlags(args: string[], known: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [name, inline] = arg.startsWith('--') ? arg.slice(2).split(/=(.*)/s, 2) : [undefined, undefined];
    if (name === undefined || !known.includes(name)) throw new CliError(`unknown argument "${arg}"`, true);
    const value = inline ?? args[++i];
    if (value === undefined) throw new CliError(`--${name} needs a value`, true);
    flags.set(name, value);
  }
  return flags;
}

async function runMatch(args: string[]): Promise<number> {
  const flags = parseFlags(args, ['kb', 'top']);
  const kbPath = flags.get('kb');
  if (!kbPath) throw new CliError('--kb FILE is required', true);
  const top = Number(flags.get('top') ?? 3);
  if (!Number.isInteger(top) || top < 1) throw new CliError('--top must be a positive integer', true);
  const entries = parseKbTsv(await readKbFile(kbPath), kbPath);
  const embedder = await optionalEmbedder();
  const index = await buildIndex(entries, { embedder });
  await forEachLine(async (line) => {
    const result = await index.match(line, { top });
    return JSON.stringify({
      id: result.id,
      score: result.score,
      handoff: result.handoff,
      candidates: result.candidates.map((c) => ({ id: c.id, score: c.score })),
    });
  });
  return 0;
}

async function runSentiment(args: string[]): Promise<number> {
  parseFlags(args, []);
  const embedder = await optionalEmbedder();
  await forEachLine(async (line) => {
    const result = await analyseSentiment(line, { embedder });
    return JSON.stringify({ angry: result.angry, score: result.score });
  });
  return 0;
}

async function readKbFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new CliError(`cannot read KB file ${path} (${reason})`);
  }
}

/** TSV `id<TAB>question` with a header row; rows sharing an id are that entry's variants, in file order. */
export function parseKbTsv(text: string, name = 'KB file'): KbEntryInput[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t').map((h) => h.trim().toLowerCase());
  if (header[0] !== 'id' || header[1] !== 'question') {
    throw new CliError(`${name}: the first line must be the header "id<TAB>question"`);
  }
  const entries = new Map<string, KbEntryInput>();
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n] ?? '';
    if (line.trim().length === 0) continue;
    const tab = line.indexOf('\t');
    const id = tab < 0 ? '' : line.slice(0, tab).trim();
    const question = tab < 0 ? '' : line.slice(tab + 1).trim();
    if (id.length === 0 || question.length === 0) {
      throw new CliError(`${name}, line ${n + 1}: expected "id<TAB>question" with both fields non-empty`);
    }
    const entry = entries.get(id);
    if (entry) entry.questions.push(question);
    else entries.set(id, { id, questions: [question] });
  }
  if (entries.size === 0) throw new CliError(`${name}: no entries after the header`);
  return [...entries.values()];
}

async function optionalEmbedder(): Promise<Embedder | null> {
  try {
    return await loadEmbedder();
  } catch (error) {
    process.stderr.write(`warmdesk bot: embedding model not loaded, using BM25 only (${String(error)})\n`);
    return null;
  }
}

/** Streams stdin line by line, writing one output line per input line as soon as it is ready. */
async function forEachLine(handle: (line: string) => Promise<string>): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    const output = await handle(line);
    if (!process.stdout.write(`${output}\n`)) {
      await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
    }
  }
}
