import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { KbEntry, KbEntryBody } from '@warmdesk/protocol';
import { Card, Col, Form, Input, Row, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../../api/http';
import { fieldErrorsOf, showFieldErrors } from '../../shared/api-errors';
import { ConfirmDangerButton } from '../../shared/ConfirmDangerButton';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { StickySaveBar } from '../../shared/StickySaveBar';
import { useNotify } from '../../shared/useNotify';
import { kbKeys, titleOf, useCanEditKb, useKbTags } from '../kb-api';
import { AnswerPreview } from './AnswerPreview';
import type { FromUnanswered } from './EntryEditorPage';
import { type EntryFormValues, entryFieldOf, fromEntryForm, LIMITS } from './entry-model';
import { CardsField, ImagesField } from './MediaFields';
import { QuestionsField } from './QuestionsField';

type Props = { initial: EntryFormValues; entry: KbEntry | null; fromUnanswered: FromUnanswered | null };

/** Creating or editing one entry (read-only for agents); from unanswered questions it also takes them off that list. */
export function EntryForm({ initial, entry, fromUnanswered }: Props) {
  const { t } = useTranslation('kb');
  const { t: ta } = useTranslation('admin');
  const canEdit = useCanEditKb();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const tags = useKbTags();
  const [form] = Form.useForm<EntryFormValues>();
  const prefix = fromUnanswered ? 'body.entry.' : 'body.';

  const save = useMutation({
    mutationFn: (body: KbEntryBody) => {
      if (entry) return api<unknown>(`/kb/entries/${entry.id}`, { method: 'PATCH', body });
      if (fromUnanswered)
        return api<unknown>('/kb/unanswered/resolve', {
          method: 'POST',
          body: { action: 'new_entry', questionIds: fromUnanswered.questionIds, entry: body },
        });
      return api<unknown>('/kb/entries', { method: 'POST', body });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: kbKeys.all });
      notify.done();
      navigate(fromUnanswered ? '/kb/unanswered' : '/kb/entries');
    },
    onError: (err) => showFieldErrors(form, fieldErrorsOf(err, prefix, entryFieldOf)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api<void>(`/kb/entries/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: kbKeys.entries });
      notify.done(ta('common.deleted'));
      navigate('/kb/entries');
    },
    onError: notify.failed,
  });

  return (
    <Form<EntryFormValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      disabled={!canEdit}
      onFinish={(v) => save.mutate(fromEntryForm(v))}
      onFinishFailed={() => notify.failed(new Error(ta('widget.fixErrors')))}
      scrollToFirstError
      aria-label={entry ? t('editor.editTitle', { title: titleOf(entry) }) : t('editor.newTitle')}
      data-testid="kb-entry-form"
    >
      <ErrorAlert error={save.error} shownOnFields={fieldErrorsOf(save.error, prefix, entryFieldOf).length > 0} />
      {fromUnanswered && (
        <Typography.Paragraph type="secondary" data-testid="kb-from-unanswered">
          {t('editor.fromUnanswered', { count: fromUnanswered.questionIds.length })}
        </Typography.Paragraph>
      )}
      {entry && (
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: 8, marginBottom: 12 }}>
          <Typography.Text type="secondary" style={{ flex: 1 }} data-testid="kb-entry-stats">
            {t('editor.stats', { hits: entry.hits, helpful: entry.helpful, unhelpful: entry.unhelpful })}
          </Typography.Text>
          {canEdit && (
            <ConfirmDangerButton
              label={ta('common.delete')}
              title={t('editor.confirmDelete', { title: titleOf(entry) })}
              onConfirm={() => remove.mutateAsync(entry.id)}
              testId="kb-delete"
            />
          )}
        </div>
      )}
      <Row gutter={[24, 0]}>
        <Col xs={24} xl={14}>
          <Card title={t('editor.sections.questions')} size="small" style={{ marginBottom: 16 }}>
            <QuestionsField disabled={!canEdit} />
          </Card>
          <Card title={t('editor.sections.answer')} size="small" style={{ marginBottom: 16 }}>
            <Form.Item
              name="answerText"
              label={t('fields.answer')}
              extra={t('editor.answerHelp')}
              rules={[{ required: true, whitespace: true, message: t('editor.needAnswer') }, { max: LIMITS.answer }]}
            >
              <Input.TextArea
                autoSize={{ minRows: 4, maxRows: 14 }}
                maxLength={LIMITS.answer}
                data-testid="kb-answer"
              />
            </Form.Item>
            <ImagesField disabled={!canEdit} />
            <CardsField disabled={!canEdit} />
          </Card>
          <Card title={t('editor.sections.options')} size="small" style={{ marginBottom: 16 }}>
            <Form.Item name="tags" label={t('fields.tags')} extra={t('editor.tagsHelp')}>
              <Select
                mode="tags"
                tokenSeparators={[',', '，']}
                maxCount={LIMITS.tags}
                options={(tags.data ?? []).map((x) => ({ value: x, label: x }))}
                aria-label={t('fields.tags')}
                data-testid="kb-tags"
              />
            </Form.Item>
            <Form.Item
              name="enabled"
              label={t('fields.enabled')}
              extra={t('editor.enabledHelp')}
              valuePropName="checked"
            >
              <Switch data-testid="kb-enabled" />
            </Form.Item>
            <Form.Item
              name="handoff"
              label={t('fields.handoff')}
              extra={t('editor.handoffHelp')}
              valuePropName="checked"
            >
              <Switch data-testid="kb-handoff" />
            </Form.Item>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <AnswerPreview form={form} />
        </Col>
      </Row>
      {canEdit && (
        <StickySaveBar
          saving={save.isPending}
          onReset={() => form.resetFields()}
          saveLabel={fromUnanswered ? t('editor.createFromUnanswered') : ta('common.save')}
          resetLabel={t('editor.reset')}
          saveTestId="kb-save"
        />
      )}
    </Form>
  );
}
