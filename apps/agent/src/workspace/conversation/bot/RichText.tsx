import { markdown } from '@warmdesk/protocol/rich-text';

/** A bot answer's text with its bold parts and links (line breaks kept by the surrounding `pre-wrap`). */
export function RichText({ text }: { text: string }) {
  let offset = 0;
  return (
    <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="rich-text">
      {markdown(text).map((part) => {
        const key = offset;
        offset += part.text.length;
        if (part.href)
          return (
            <a key={key} href={part.href} target="_blank" rel="noopener noreferrer">
              {part.text}
            </a>
          );
        return part.bold ? <strong key={key}>{part.text}</strong> : <span key={key}>{part.text}</span>;
      })}
    </div>
  );
}
