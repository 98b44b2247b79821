import type { ReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { ConversationAccess } from '../conversations/access.js';
import { FILE_TYPES } from './file-types.js';
import { type AttachmentRow, findAttachment } from './queries.js';
import { attachmentFiles } from './storage.js';

export type Download = { row: AttachmentRow; stream: ReadStream; byteSize: number };

const notFound = () => new AppError('not_found', 'attachment not found');

/**
 * An attachment for an agent of its account, or for a customer who may see its conversation (never a private
 * one). Anyone else gets the same 404 as for an id that does not exist.
 */
export async function openDownload(
  ctx: AppContext,
  access: ConversationAccess,
  principal: Principal,
  id: string,
): Promise<Download> {
  const row = await findAttachment(ctx.db.pool, principal.accountId, id);
  if (!row) throw notFound();
  if (principal.kind === 'customer') {
    if (row.private) throw notFound();
    await access.assert(principal, row.conversation_id).catch((err: unknown) => {
      throw err instanceof AppError && err.code === 'not_found' ? notFound() : err;
    });
  }
  const file = await open(attachmentFiles(ctx.config, row.account_id, row.id).final, 'r').catch((err: unknown) => {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    ctx.log.warn({ attachmentId: id }, 'attachment file is missing');
    throw notFound();
  });
  try {
    const { size } = await file.stat();
    return { row, stream: file.createReadStream(), byteSize: size };
  } catch (err) {
    await file.close();
    throw err;
  }
}

const INLINE_TYPES = new Set(FILE_TYPES.filter((t) => t.kind === 'image').map((t) => t.contentType));

// RFC 8187 (filename*): percent-encoded UTF-8, with the characters encodeURIComponent leaves alone but the
// header grammar does not allow also encoded.
const headerFileName = (name: string) =>
  encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Served as stored and never run: no sniffing, no scripts, a sandbox even if opened as a page. */
export function downloadHeaders({ row, byteSize }: Download): Record<string, string> {
  const disposition = INLINE_TYPES.has(row.content_type) ? 'inline' : 'attachment';
  return {
    'content-type': row.content_type,
    'content-length': String(byteSize),
    'x-content-type-options': 'nosniff',
    'content-disposition': `${disposition}; filename*=UTF-8''${headerFileName(row.file_name)}`,
    'cache-control': 'private, max-age=86400',
    'content-security-policy': "default-src 'none'; sandbox",
  };
}
