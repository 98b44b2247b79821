import { type KbAnswer, type KbEntry, zKbAnswer } from '@warmdesk/protocol';

export type KbEntryRow = {
  id: string;
  questions: string[];
  answer: unknown;
  tags: string[];
  enabled: boolean;
  handoff: boolean;
  hits: number;
  helpful: number;
  unhelpful: number;
  created_at: Date;
  updated_at: Date;
};

export const KB_COLUMNS =
  'id, questions, answer, tags, enabled, handoff, hits, helpful, unhelpful, created_at, updated_at';

/** A stored answer as the protocol shapes it (an answer edited by hand in the database still presents). */
export function answerOf(raw: unknown): KbAnswer {
  const parsed = zKbAnswer.safeParse(raw);
  if (parsed.success) return parsed.data;
  const text = typeof raw === 'object' && raw !== null ? (raw as { text?: unknown }).text : undefined;
  return { text: typeof text === 'string' ? text : '', images: [], cards: [] };
}

export const presentKbEntry = (r: KbEntryRow): KbEntry => ({
  id: r.id,
  questions: r.questions,
  answer: answerOf(r.answer),
  tags: r.tags,
  enabled: r.enabled,
  handoff: r.handoff,
  hits: r.hits,
  helpful: r.helpful,
  unhelpful: r.unhelpful,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});
