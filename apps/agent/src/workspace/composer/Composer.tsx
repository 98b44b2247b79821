import { PaperClipOutlined, SendOutlined, SmileOutlined } from '@ant-design/icons';
import { Button, Input, Popover, Space, Spin, Tooltip } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { lazy, Suspense, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCannedResponses, useUsers } from '../../api/queries';
import { useCurrentUser } from '../../auth/session';
import { useCommand } from '../commands';
import { Suggestions } from './Suggestions';
import { cannedMatches, mentionAt, mentionedIds, mentionMatches } from './suggestions';
import type { Sender } from './useSender';
import { useTypingEmitter } from './useTypingEmitter';

const EmojiGrid = lazy(() => import('./EmojiGrid').then((m) => ({ default: m.EmojiGrid })));

export type ComposerMode = 'reply' | 'note';

/** Unsent text per conversation, kept while the agent looks at other conversations. */
const drafts = new Map<string, string>();

type Props = { conversationId: string; sender: Sender; disabled: boolean; mobile: boolean };

/** Reply or private note; Enter sends, Shift+Enter adds a line; `/` canned responses, `@` colleagues in notes. */
export function Composer({ conversationId, sender, disabled, mobile }: Props) {
  const { t } = useTranslation('workspace');
  const me = useCurrentUser();
  const canned = useCannedResponses().data ?? [];
  const users = useUsers().data ?? [];
  const [mode, setMode] = useState<ComposerMode>('reply');
  const [text, setText] = useState(() => drafts.get(conversationId) ?? '');
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [emojiOpen, setEmojiOpen] = useState(false);
  const picked = useRef(new Map<string, string>());
  const areaRef = useRef<TextAreaRef>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const typingEmitter = useTypingEmitter(conversationId);
  const note = mode === 'note';

  const textarea = () => areaRef.current?.resizableTextArea?.textArea ?? null;
  // Where the caret goes after the next render (an insertion changed the text under it).
  const pendingCaret = useRef<number | null>(null);
  const focusAt = (position: number) => {
    pendingCaret.current = position;
    setCaret(position);
  };
  useLayoutEffect(() => {
    const position = pendingCaret.current;
    const el = textarea();
    if (position === null || !el) return;
    pendingCaret.current = null;
    el.focus();
    el.setSelectionRange(position, position);
  });

  useEffect(() => {
    drafts.set(conversationId, text);
  }, [conversationId, text]);

  useCommand((command) => {
    if (command === 'reply' || command === 'note') {
      setMode(command);
      const el = textarea();
      el?.focus();
      el?.setSelectionRange(el.value.length, el.value.length);
    }
  });

  const cannedList = dismissed === text ? null : cannedMatches(text, canned);
  const mention = note && dismissed !== text ? mentionAt(text, caret) : null;
  const mentionList = mention ? mentionMatches(mention.query, users, me.id) : null;
  const open = cannedList?.length ? 'canned' : mentionList?.length ? 'mention' : null;
  const count = open === 'canned' ? (cannedList?.length ?? 0) : (mentionList?.length ?? 0);
  const activeIndex = Math.min(active, Math.max(0, count - 1));

  const change = (value: string, position: number) => {
    setText(value);
    setCaret(position);
    setActive(0);
    if (!note && value.trim()) typingEmitter.typing();
  };

  const insertAtCaret = (insert: string) => {
    const el = textarea();
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    change(text.slice(0, start) + insert + text.slice(end), start + insert.length);
    focusAt(start + insert.length);
  };

  const pick = (index: number) => {
    if (open === 'canned') {
      const c = cannedList?.[index];
      if (!c) return;
      change(c.content, c.content.length);
      focusAt(c.content.length);
    } else if (open === 'mention' && mention) {
      const u = mentionList?.[index];
      if (!u) return;
      picked.current.set(u.name, u.id);
      const insert = `@${u.name} `;
      const value = text.slice(0, mention.start) + insert + text.slice(caret);
      change(value, mention.start + insert.length);
      focusAt(mention.start + insert.length);
    }
  };

  const send = () => {
    const content = text.trim();
    if (!content || disabled) return;
    sender.sendText(content, note, note ? mentionedIds(content, picked.current) : []);
    typingEmitter.stop();
    picked.current.clear();
    setText('');
    setCaret(0);
  };

  const attach = (files: FileList | File[] | null) => {
    if (!files || files.length === 0) return;
    sender.sendFiles([...files]);
  };

  return (
    <div className={`wd-composer${note ? ' wd-composer-note' : ''}`} style={{ position: 'relative' }} data-mode={mode}>
      {open === 'canned' && cannedList && (
        <Suggestions
          testId="canned-suggestions"
          itemTestId="canned-item"
          active={activeIndex}
          onPick={pick}
          items={cannedList.map((c) => ({
            key: c.id,
            primary: `/${c.shortCode}`,
            secondary: c.content,
            attrs: { 'data-short-code': c.shortCode },
          }))}
        />
      )}
      {open === 'mention' && mentionList && (
        <Suggestions
          testId="mention-suggestions"
          itemTestId="mention-item"
          active={activeIndex}
          onPick={pick}
          items={mentionList.map((u) => ({
            key: u.id,
            primary: u.name,
            secondary: u.email,
            attrs: { 'data-user-id': u.id },
          }))}
        />
      )}
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 6 }}>
        <Space.Compact size="small">
          <Button
            type={note ? 'default' : 'primary'}
            onClick={() => setMode('reply')}
            data-testid="composer-mode-reply"
          >
            {t('composer.reply')}
          </Button>
          <Button
            type={note ? 'primary' : 'default'}
            autoInsertSpace={false}
            style={note ? { background: '#faad14', borderColor: '#faad14' } : undefined}
            onClick={() => {
              setMode('note');
              typingEmitter.stop();
            }}
            data-testid="composer-mode-note"
          >
            {t('composer.note')}
          </Button>
        </Space.Compact>
        <span style={{ flex: 1 }} />
        <Popover
          open={emojiOpen}
          onOpenChange={setEmojiOpen}
          trigger="click"
          placement="topRight"
          content={
            <Suspense fallback={<Spin size="small" />}>
              <EmojiGrid
                onPick={(e) => {
                  setEmojiOpen(false);
                  insertAtCaret(e);
                }}
              />
            </Suspense>
          }
        >
          <Button
            size="small"
            type="text"
            icon={<SmileOutlined />}
            aria-label={t('composer.emoji')}
            data-testid="emoji-button"
          />
        </Popover>
        <Tooltip title={note ? t('composer.noAttachInNote') : t('composer.attach')}>
          <Button
            size="small"
            type="text"
            icon={<PaperClipOutlined />}
            disabled={note || disabled}
            onClick={() => fileRef.current?.click()}
            aria-label={t('composer.attach')}
            data-testid="attach-button"
          />
        </Tooltip>
        <input
          ref={fileRef}
          type="file"
          multiple
          hidden
          data-testid="composer-file"
          onChange={(e) => {
            attach(e.target.files);
            e.target.value = '';
          }}
        />
      </div>
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-end' }}>
        <Input.TextArea
          ref={areaRef}
          value={text}
          disabled={disabled}
          autoSize={{ minRows: mobile ? 1 : 2, maxRows: 8 }}
          placeholder={
            disabled ? t('composer.closed') : note ? t('composer.notePlaceholder') : t('composer.replyPlaceholder')
          }
          data-testid="composer-input"
          onChange={(e) => change(e.target.value, e.target.selectionStart)}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onBlur={() => typingEmitter.stop()}
          onPaste={(e) => {
            const files = [...e.clipboardData.files];
            if (files.length > 0 && !note) {
              e.preventDefault();
              attach(files);
            }
          }}
          onKeyDown={(e) => {
            if (e.nativeEvent.isComposing) return;
            if (open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
              e.preventDefault();
              setActive((activeIndex + (e.key === 'ArrowDown' ? 1 : count - 1)) % count);
            } else if (open && (e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey) {
              e.preventDefault();
              pick(activeIndex);
            } else if (open && e.key === 'Escape') {
              e.preventDefault();
              setDismissed(text);
            } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey || !e.shiftKey)) {
              e.preventDefault();
              send();
            }
          }}
        />
        <Button
          type="primary"
          icon={<SendOutlined />}
          onClick={send}
          disabled={disabled || !text.trim()}
          data-testid="composer-send"
          style={note ? { background: '#faad14', borderColor: '#faad14' } : undefined}
        >
          {mobile ? null : note ? t('composer.addNote') : t('composer.send')}
        </Button>
      </div>
      {!mobile && (
        <div style={{ fontSize: 11, color: '#bfbfbf', marginTop: 4 }}>
          {note ? t('composer.noteHint') : t('composer.hint')}
        </div>
      )}
    </div>
  );
}
