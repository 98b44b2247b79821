import type { TFunction } from 'i18next';

const REASONS: readonly string[] = ['requested', 'low_confidence', 'misses', 'angry', 'entry'];
const clip = (s: string) => (s.length > 120 ? `${s.slice(0, 119)}…` : s);

/**
 * The private line the server adds for agents when the bot hands over (`{type:'activity', action:'bot',
 * event:'handoff', reason, turns, lastQuestion}`), in the agent's language; null for anything else.
 */
export function describeBotActivity(a: Record<string, unknown>, t: TFunction): string | null {
  if (a.action !== 'bot' || a.event !== 'handoff') return null;
  const reason = t(`bot:handoff.reasons.${REASONS.includes(String(a.reason)) ? String(a.reason) : 'unknown'}`);
  const turns = typeof a.turns === 'number' ? a.turns : 0;
  const last = typeof a.lastQuestion === 'string' && a.lastQuestion ? clip(a.lastQuestion) : '';
  return last
    ? t('bot:handoff.activityLast', { reason, count: turns, question: last })
    : t('bot:handoff.activity', { reason, count: turns });
}
