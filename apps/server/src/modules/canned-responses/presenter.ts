import type { CannedResponse } from '@warmdesk/protocol';

export type CannedResponseRow = {
  id: string;
  short_code: string;
  content: string;
  created_at: Date;
  updated_at: Date;
};

export const CANNED_COLUMNS = 'id, short_code, content, created_at, updated_at';

export const presentCannedResponse = (r: CannedResponseRow): CannedResponse => ({
  id: r.id,
  shortCode: r.short_code,
  content: r.content,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});
