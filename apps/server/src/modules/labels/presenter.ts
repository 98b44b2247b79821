import type { LabelDefinition } from '@warmdesk/protocol';

export type LabelRow = { id: string; name: string; color: string; description: string; created_at: Date };

export const LABEL_COLUMNS = 'id, name, color, description, created_at';

export const presentLabel = (r: LabelRow): LabelDefinition => ({
  id: r.id,
  name: r.name,
  color: r.color,
  description: r.description,
  createdAt: r.created_at.toISOString(),
});
