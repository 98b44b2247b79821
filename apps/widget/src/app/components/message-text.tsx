import { linkify } from '../linkify.js';

/** Message text as text nodes (never HTML), with http(s) links made clickable. */
export function MessageText({ text }: { text: string }) {
  return (
    <span class="wd-text">
      {linkify(text).map((part, i) =>
        part.href ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer nofollow">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </span>
  );
}
