import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Config } from '../../platform/config.js';
import { AppError } from '../../platform/errors.js';
import { SNIFF_BYTES } from './file-types.js';

/**
 * Files live at `<dataDir>/uploads/<accountId>/<attachmentId>`; both parts are server-made UUIDs, so no client
 * input reaches a path. An upload is written to `.<attachmentId>.part` beside it and renamed when complete:
 * a reader never sees half a file, and leftovers of a crash are easy to find.
 */
export type AttachmentFiles = { dir: string; temp: string; final: string };

export const uploadsDir = (config: Pick<Config, 'dataDir'>) => join(config.dataDir, 'uploads');

export function attachmentFiles(config: Pick<Config, 'dataDir'>, accountId: string, id: string): AttachmentFiles {
  const dir = join(uploadsDir(config), accountId);
  return { dir, temp: join(dir, `.${id}.part`), final: join(dir, id) };
}

export const tooLarge = (maxBytes: number) =>
  new AppError('payload_too_large', `the file is larger than the limit of ${maxBytes} bytes`, { maxBytes });

export type Received<T> = { byteSize: number; sha256: string; inspected: T };

/**
 * Streams an upload into `files.temp`, hashing it on the way. Fails as soon as the file passes `maxBytes`, or
 * when `inspect` (given the first bytes) throws; then the partial file is removed and nothing more is read.
 */
export async function receiveFile<T>(
  source: Readable,
  files: AttachmentFiles,
  opts: { maxBytes: number; inspect: (head: Buffer) => T },
): Promise<Received<T>> {
  const hash = createHash('sha256');
  let byteSize = 0;
  let head: Buffer[] | undefined = [];
  let inspected: { value: T } | undefined;
  const inspectHead = () => {
    if (!head) return;
    inspected = { value: opts.inspect(Buffer.concat(head)) };
    head = undefined;
  };
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      byteSize += chunk.length;
      if (byteSize > opts.maxBytes) return done(tooLarge(opts.maxBytes));
      hash.update(chunk);
      try {
        if (head) {
          head.push(chunk);
          if (byteSize >= SNIFF_BYTES) inspectHead();
        }
      } catch (err) {
        return done(err as Error);
      }
      done(null, chunk);
    },
    flush(done) {
      if (byteSize === 0) return done(new AppError('validation_failed', 'the file is empty'));
      try {
        inspectHead();
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
  await mkdir(files.dir, { recursive: true });
  const out = createWriteStream(files.temp, { flags: 'wx', mode: 0o600 });
  try {
    await pipeUpload(source, meter, out);
  } catch (err) {
    // A refusal can come before the file is even open: remove it only once the stream has let go of it, or the
    // open completing later leaves an empty part file behind.
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
    await rm(files.temp, { force: true });
    throw err;
  }
  if (!inspected) throw new Error('upload was not inspected');
  return { byteSize, sha256: hash.digest('hex'), inspected: inspected.value };
}

/** Reads an upload to its end and keeps nothing (a resend of a stored one), within the same size limit. */
export async function discardFile(source: Readable, maxBytes: number): Promise<void> {
  let byteSize = 0;
  await pipeUpload(
    source,
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        byteSize += chunk.length;
        done(byteSize > maxBytes ? tooLarge(maxBytes) : null);
      },
    }),
  );
}

/** The upload stream itself failed (the client went away, the body is malformed): the client's fault, not ours. */
export class UploadStreamFailed extends Error {
  constructor(readonly reason: unknown) {
    super('the upload stream failed');
  }
}

/** `pipeline`, telling the source's failures (UploadStreamFailed) from ours (a limit, the disk). */
async function pipeUpload(source: Readable, ...rest: [Transform, Writable] | [Writable]): Promise<void> {
  // The first stream to fail is the cause; pipeline then destroys the others with the same error.
  let first: 'source' | 'ours' | undefined;
  source.once('error', () => {
    first ??= 'source';
  });
  for (const stream of rest) {
    stream.once('error', () => {
      first ??= 'ours';
    });
  }
  try {
    await pipeline([source, ...rest]);
  } catch (err) {
    if (first === 'source' && !(err instanceof AppError)) throw new UploadStreamFailed(err);
    throw err;
  }
}

export const commitFile = (files: AttachmentFiles) => rename(files.temp, files.final);

export async function removeFiles(files: AttachmentFiles): Promise<void> {
  await Promise.all([rm(files.temp, { force: true }), rm(files.final, { force: true })]);
}
