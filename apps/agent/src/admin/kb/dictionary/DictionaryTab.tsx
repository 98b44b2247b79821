import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Input, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/http';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { useNotify } from '../../shared/useNotify';
import { kbKeys } from '../kb-api';

type Dictionary = { words: string[] };
const MAX_WORDS = 5000;
const MAX_LENGTH = 50;

/** The lines as words: trimmed, empty lines dropped, each word once. */
export const wordsOf = (text: string) => [...new Set(text.split(/\r?\n/).map((w) => w.trim()))].filter(Boolean);

/** Product words (花呗, 借呗…) the Chinese tokenizer keeps whole, one per line. */
export function DictionaryTab() {
  const { t } = useTranslation('kb');
  const queryClient = useQueryClient();
  const notify = useNotify();
  const dictionary = useQuery({ queryKey: kbKeys.dictionary, queryFn: () => api<Dictionary>('/kb/dictionary') });
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    if (dictionary.data && text === null) setText(dictionary.data.words.join('\n'));
  }, [dictionary.data, text]);
  const save = useMutation({
    mutationFn: (words: string[]) => api<Dictionary>('/kb/dictionary', { method: 'PUT', body: { words } }),
    onSuccess: (saved) => {
      queryClient.setQueryData(kbKeys.dictionary, saved);
      setText(saved.words.join('\n'));
      notify.done();
    },
  });

  if (dictionary.isPending) return <Skeleton active />;
  const words = wordsOf(text ?? '');
  const tooLong = words.filter((w) => w.length > MAX_LENGTH);
  const invalid = tooLong.length > 0 || words.length > MAX_WORDS;

  return (
    <div style={{ maxWidth: 640 }} data-testid="kb-dictionary">
      <Typography.Paragraph type="secondary">{t('dictionary.help')}</Typography.Paragraph>
      <ErrorAlert error={dictionary.error ?? save.error} />
      <label htmlFor="kb-dictionary-words" style={{ display: 'block', marginBottom: 4 }}>
        {t('dictionary.label')}
      </label>
      <Input.TextArea
        id="kb-dictionary-words"
        value={text ?? ''}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 8, maxRows: 24 }}
        placeholder={t('dictionary.placeholder')}
        status={invalid ? 'error' : undefined}
        data-testid="kb-dictionary-words"
      />
      <Typography.Text type={invalid ? 'danger' : 'secondary'} style={{ display: 'block', margin: '4px 0 12px' }}>
        {tooLong.length > 0
          ? t('dictionary.tooLong', { word: tooLong[0], max: MAX_LENGTH })
          : words.length > MAX_WORDS
            ? t('dictionary.tooMany', { max: MAX_WORDS })
            : t('dictionary.count', { count: words.length })}
      </Typography.Text>
      <Space>
        <Button
          type="primary"
          loading={save.isPending}
          disabled={invalid}
          onClick={() => save.mutate(words)}
          data-testid="kb-dictionary-save"
        >
          {t('dictionary.save')}
        </Button>
        <Button onClick={() => setText(dictionary.data?.words.join('\n') ?? '')} disabled={save.isPending}>
          {t('editor.reset')}
        </Button>
      </Space>
    </div>
  );
}
