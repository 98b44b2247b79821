import { useRef, useState } from 'preact/hooks';
import type { Translate } from '../i18n.js';

const EMOJI = [...'😀😂😊😍🤔😅😭😡👍👎🙏👌👏🎉❤️💔🔥✅❌❓📦🚚💰🎁'.replace(/\uFE0F/g, '')].filter(
  (c) => c.trim() !== '',
);

type Props = {
  t: Translate;
  onSend: (text: string) => void;
  onFiles: (files: File[]) => void;
  onTyping: (typing: boolean) => void;
};

/** Text input with emoji, file picking and pasting; Enter sends, Shift+Enter starts a new line. */
export function Composer({ t, onSend, onFiles, onTyping }: Props) {
  const [text, setText] = useState('');
  const [emojiOpen, setEmojiOpen] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const files = useRef<HTMLInputElement>(null);
  const typing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const submit = () => {
    if (!text.trim()) return;
    onSend(text);
    setText('');
    clearTimeout(typing.current);
    typing.current = undefined;
    onTyping(false);
  };
  const changed = (value: string) => {
    setText(value);
    if (typing.current === undefined) onTyping(true);
    clearTimeout(typing.current);
    typing.current = setTimeout(() => {
      typing.current = undefined;
      onTyping(false);
    }, 3000);
  };
  const insert = (emoji: string) => {
    setText((current) => current + emoji);
    setEmojiOpen(false);
    input.current?.focus();
  };

  return (
    <div class="wd-composer">
      {emojiOpen && (
        <div class="wd-emoji" role="listbox" aria-label={t('emoji')}>
          {EMOJI.map((e) => (
            <button key={e} type="button" role="option" aria-selected={false} onClick={() => insert(e)}>
              {e}
            </button>
          ))}
        </div>
      )}
      <button type="button" class="wd-icon" aria-label={t('emoji')} onClick={() => setEmojiOpen(!emojiOpen)}>
        😊
      </button>
      <button type="button" class="wd-icon" aria-label={t('attach')} onClick={() => files.current?.click()}>
        📎
      </button>
      <input
        ref={files}
        type="file"
        multiple
        hidden
        data-testid="warmdesk-file"
        onChange={(e) => {
          const list = (e.currentTarget as HTMLInputElement).files;
          if (list) onFiles([...list]);
          (e.currentTarget as HTMLInputElement).value = '';
        }}
      />
      <textarea
        ref={input}
        rows={1}
        value={text}
        aria-label={t('placeholder')}
        placeholder={t('placeholder')}
        data-testid="warmdesk-input"
        onInput={(e) => changed((e.currentTarget as HTMLTextAreaElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
        onPaste={(e) => {
          const pasted = [...(e.clipboardData?.files ?? [])];
          if (pasted.length > 0) {
            e.preventDefault();
            onFiles(pasted);
          }
        }}
      />
      <button type="button" class="wd-send" onClick={submit} data-testid="warmdesk-send" disabled={!text.trim()}>
        {t('send')}
      </button>
    </div>
  );
}
