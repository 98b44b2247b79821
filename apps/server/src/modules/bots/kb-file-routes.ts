import multipart from '@fastify/multipart';
import { zKbExportQuery, zKbImportResult } from '@warmdesk/protocol';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/errors.js';
import { agentOf } from '../../platform/http/policy.js';
import { agentRole, type RegisterRoutes, supervisorRole } from '../../platform/http/routes.js';
import { exportFileName, exportKb } from './export-kb.js';
import { decodeKbFile, importKb } from './import-kb.js';

const tags = ['knowledge base'];
/** Largest import file. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const FILE_FIELD = 'file';

const contentTypes = { csv: 'text/csv; charset=utf-8', tsv: 'text/tab-separated-values; charset=utf-8' };

/** Export and import as CSV or TSV; multipart parsing is registered in this scope only. */
export const kbFileRoutes: RegisterRoutes = (app, ctx) => {
  app.get(
    '/api/v1/kb/export',
    {
      config: { policy: agentRole },
      schema: {
        tags,
        querystring: zKbExportQuery,
        description: 'The knowledge base as a file: header `id,question,answer,tags,enabled`, one row per variant.',
      },
    },
    async (req, reply) => {
      const { format } = req.query;
      const text = await exportKb(ctx.db.pool, agentOf(req).accountId, format);
      return reply
        .headers({
          'content-type': contentTypes[format],
          'content-disposition': `attachment; filename="${exportFileName(format)}"`,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        })
        .send(text);
    },
  );

  app.register(async (plugin) => {
    await plugin.register(multipart, {
      limits: { files: 1, fields: 5, parts: 6, fileSize: MAX_IMPORT_BYTES + 1 },
    });
    // Refused before the whole file arrived: answer and close rather than read the rest.
    plugin.addHook('onError', async (req, reply) => {
      if (!req.raw.complete) reply.header('connection', 'close');
    });
    plugin.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/kb/import',
      {
        config: { policy: supervisorRole },
        schema: {
          tags,
          consumes: ['multipart/form-data'],
          description: `multipart/form-data with the CSV or TSV file in the part \`${FILE_FIELD}\` (at most 5 MB).`,
          response: { 200: zKbImportResult },
        },
      },
      async (req) => {
        const actor = agentOf(req);
        if (!req.isMultipart()) {
          throw new AppError(
            'validation_failed',
            `send multipart/form-data with the file in a part named "${FILE_FIELD}"`,
          );
        }
        const file = await req.file().catch((err: unknown) => {
          throw new AppError('bad_request', `malformed multipart/form-data body: ${(err as Error).message}`);
        });
        if (!file || file.fieldname !== FILE_FIELD) {
          throw new AppError('validation_failed', `send the file in a part named "${FILE_FIELD}"`);
        }
        const bytes = await file.toBuffer().catch((err: unknown) => {
          throw tooLarge(err) ?? new AppError('bad_request', 'the upload was interrupted');
        });
        if (bytes.length > MAX_IMPORT_BYTES || file.file.truncated) throw tooLarge(null, true);
        return importKb(ctx, actor, { name: file.filename, text: decodeKbFile(bytes) });
      },
    );
  });
};

function tooLarge(err: unknown, always = false): AppError | null {
  if (!always && (err as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') return null;
  return new AppError('payload_too_large', `an import file is at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
}
