import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../../api/http';
import { describeError } from '../../shared/api-errors';
import { useKbEntry } from '../kb-api';
import { EntryForm } from './EntryForm';
import { emptyEntry, toEntryForm } from './entry-model';

/** Questions turned into a new entry from the unanswered list (router state of /kb/entries/new). */
export type FromUnanswered = { questions: string[]; questionIds: string[] };

function fromUnansweredOf(state: unknown): FromUnanswered | null {
  if (typeof state !== 'object' || state === null) return null;
  const { questions, questionIds } = state as Partial<FromUnanswered>;
  if (!Array.isArray(questions) || !Array.isArray(questionIds) || questionIds.length === 0) return null;
  return { questions: questions.map(String), questionIds: questionIds.map(String) };
}

/** /kb/entries/new and /kb/entries/:id: the entry editor, prefilled from unanswered questions when sent from there. */
export function EntryEditorPage() {
  const { id } = useParams();
  const { t } = useTranslation('kb');
  const { t: ta } = useTranslation('admin');
  const location = useLocation();
  const entry = useKbEntry(id);
  const back = (
    <Link to="/kb/entries" style={{ display: 'inline-block', marginBottom: 12 }}>
      <ArrowLeftOutlined /> {t('editor.back')}
    </Link>
  );

  if (!id) {
    const source = fromUnansweredOf(location.state);
    return (
      <>
        {back}
        <EntryForm initial={emptyEntry(source?.questions)} entry={null} fromUnanswered={source} />
      </>
    );
  }
  if (entry.isPending) return <Skeleton active />;
  if (!entry.data) {
    const missing = entry.error instanceof ApiError && entry.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('editor.notFound') : describeError(entry.error, ta)}
        extra={<Link to="/kb/entries">{t('editor.back')}</Link>}
      >
        {!missing && <Button onClick={() => void entry.refetch()}>{ta('common.retry')}</Button>}
      </Result>
    );
  }
  return (
    <>
      {back}
      <EntryForm key={entry.data.id} initial={toEntryForm(entry.data)} entry={entry.data} fromUnanswered={null} />
    </>
  );
}
