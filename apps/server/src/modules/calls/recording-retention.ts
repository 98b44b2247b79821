import { zCallSettings } from '@warmdesk/protocol';
import { type AppContext, transaction } from '../../platform/context.js';
import { attachmentFiles, removeFiles } from '../attachments/storage.js';

const BATCH = 200;
const DEFAULT_DAYS = zCallSettings.parse({}).recordingRetentionDays;

type Expired = {
  id: string;
  account_id: string;
  message_id: string | null;
  file_name: string;
  call_id: string | null;
  days: number;
  locale: string;
};

const deletedText = (locale: string, days: number, fileName: string) =>
  locale === 'en'
    ? `Call recording ${fileName} deleted after ${days} days (the inbox's retention)`
    : `通话录音 ${fileName} 已按收件箱的保留期限（${days} 天）删除`;

/**
 * Deletes call recordings older than their inbox's `calls.recordingRetentionDays`: the file and its attachment
 * row. The message stays, saying the recording was deleted. Returns how many went; safe on several processes (a
 * row deleted by another is skipped).
 */
export async function deleteExpiredRecordings(ctx: AppContext): Promise<number> {
  const { rows } = await ctx.db.pool.query<Expired>(
    `SELECT a.id, a.account_id, a.message_id, a.file_name, a.call_id, r.days, acc.locale
       FROM attachments a
       JOIN conversations c ON c.id = a.conversation_id
       JOIN inboxes i ON i.id = c.inbox_id
       JOIN accounts acc ON acc.id = a.account_id
       CROSS JOIN LATERAL (
         SELECT CASE WHEN jsonb_typeof(i.config->'calls'->'recordingRetentionDays') = 'number'
                     THEN (i.config->'calls'->>'recordingRetentionDays')::int ELSE $1 END AS days
       ) r
      WHERE a.purpose = 'call_recording' AND a.created_at < now() - make_interval(days => r.days)
      ORDER BY a.created_at
      LIMIT $2`,
    [DEFAULT_DAYS, BATCH],
  );
  let deleted = 0;
  for (const r of rows) {
    const gone = await transaction(ctx, async (tx) => {
      const { rowCount } = await tx.client.query('DELETE FROM attachments WHERE account_id = $1 AND id = $2', [
        r.account_id,
        r.id,
      ]);
      if (!rowCount) return false;
      if (r.message_id) {
        await tx.client.query(
          'UPDATE messages SET content = $3, attachments = $4::jsonb WHERE account_id = $1 AND id = $2',
          [
            r.account_id,
            r.message_id,
            deletedText(r.locale, r.days, r.file_name),
            JSON.stringify([{ action: 'call_recording', callId: r.call_id, fileName: r.file_name, deleted: true }]),
          ],
        );
      }
      await tx.emit({
        accountId: r.account_id,
        type: 'call.recording_deleted',
        payload: { attachmentId: r.id, callId: r.call_id, messageId: r.message_id, retentionDays: r.days },
      });
      return true;
    });
    if (!gone) continue;
    deleted++;
    await removeFiles(attachmentFiles(ctx.config, r.account_id, r.id)).catch((err: unknown) =>
      ctx.log.warn({ err, attachmentId: r.id }, 'could not remove an expired call recording'),
    );
  }
  return deleted;
}
