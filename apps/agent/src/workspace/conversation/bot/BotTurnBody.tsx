import { SwapOutlined } from '@ant-design/icons';
import type { Message } from '@warmdesk/protocol';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AnswerExtras } from './AnswerExtras';
import { botTurnOf } from './botTurn';
import { RichText } from './RichText';

const NUMBERED = /^\s*\d+\s*[.、)）]\s*(.+?)\s*$/;

/** The text without the numbered lines that repeat the options (the server lists them for text-only clients). */
function withoutOptionLines(text: string, options: string[]): string {
  const offered = new Set(options);
  return text
    .split('\n')
    .filter((line) => !offered.has(NUMBERED.exec(line)?.[1] ?? '\u0000'))
    .join('\n')
    .trim();
}

/** What a bot turn says: an answer with its images and cards, "did you mean" options, a hand-off, a greeting. */
export function BotTurnBody({ message }: { message: Message }) {
  const { t } = useTranslation('bot');
  const turn = botTurnOf(message);
  if (turn?.type === 'suggest') {
    const intro = withoutOptionLines(
      message.content,
      turn.options.map((o) => o.question),
    );
    return (
      <div data-testid="message-content" data-bot-turn="suggest">
        {intro && <RichText text={intro} />}
        <ol aria-label={t('turn.options')} style={{ margin: '4px 0 0', paddingInlineStart: 20, whiteSpace: 'normal' }}>
          {turn.options.map((o) => (
            <li key={`${o.entryId}-${o.question}`} data-testid="bot-option">
              {o.question}
            </li>
          ))}
        </ol>
      </div>
    );
  }
  return (
    <div data-testid="message-content" data-bot-turn={turn?.type}>
      <RichText text={message.content} />
      {turn?.type === 'answer' && <AnswerExtras images={turn.images} cards={turn.cards} />}
      {turn?.type === 'answer' && turn.entryId && (
        <div style={{ fontSize: 12, marginTop: 4, whiteSpace: 'normal' }}>
          <Link to={`/kb/entries/${turn.entryId}`} data-testid="bot-entry-link">
            {turn.score === null
              ? t('turn.fromEntry')
              : t('turn.fromEntryScore', { score: Math.round(turn.score * 100) })}
          </Link>
        </div>
      )}
      {turn?.type === 'handoff' && (
        <Tag icon={<SwapOutlined />} color="orange" style={{ marginTop: 6 }} data-testid="bot-handoff-tag">
          {t('handoff.tag', { reason: t(`handoff.reasons.${turn.reason ?? 'unknown'}`) })}
        </Tag>
      )}
    </div>
  );
}
