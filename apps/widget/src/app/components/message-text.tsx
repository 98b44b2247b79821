import { linkify, markdown } from '@warmdesk/protocol/rich-text';

/**
 * Message text as text nodes (never HTML), with http(s) links made clickable; `rich` (bot answers) also reads
 * the knowledge base's **bold** and [label](link).
 */
export function MessageText({ text, rich }: { text: string; rich?: boolean }) {
  return (
    <span class="wd-text">
      {(rich ? markdown : linkify)(text).map((part, i) =>
        part.href ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer nofollow">
            {part.text}
          </a>
        ) : part.bold ? (
          <b key={i}>{part.text}</b>
        ) : (
          part.text
        ),
      )}
    </span>
  );
}
