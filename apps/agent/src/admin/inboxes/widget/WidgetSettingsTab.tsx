import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Inbox } from '@warmdesk/protocol';
import { Alert, Card, Col, Form, Row } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/http';
import { keys } from '../../../api/queries';
import { fieldErrorsOf, issuesOf, showFieldErrors } from '../../shared/api-errors';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { StickySaveBar } from '../../shared/StickySaveBar';
import { useNotify } from '../../shared/useNotify';
import { AppearanceFields } from './AppearanceFields';
import { BusinessHoursFields } from './BusinessHoursFields';
import { OriginsField } from './OriginsField';
import { PreChatFields } from './PreChatFields';
import { ProactiveFields } from './ProactiveFields';
import { formNameOf, fromFormValues, toFormValues, type WidgetFormValues, widgetSettingsOf } from './settings-model';
import { type PreviewView, WidgetPreview } from './WidgetPreview';

const WIDGET_PATH = 'body.config.widget.';

/** Every widget setting of a web-widget inbox, with a live preview; saved into `config.widget`, other keys kept. */
export function WidgetSettingsTab({ inbox }: { inbox: Inbox }) {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<WidgetFormValues>();
  const initial = useMemo(() => toFormValues(widgetSettingsOf(inbox.config)), [inbox.config]);
  const [view, setView] = useState<PreviewView | null>(null);
  const values = Form.useWatch((all: WidgetFormValues) => all, { form, preserve: true }) ?? initial;

  const save = useMutation({
    mutationFn: (v: WidgetFormValues) =>
      api<Inbox>(`/inboxes/${inbox.id}`, {
        method: 'PATCH',
        body: { config: { ...inbox.config, widget: fromFormValues(v) } },
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.inbox(inbox.id), updated);
      void queryClient.invalidateQueries({ queryKey: keys.inboxes, exact: true });
      notify.done();
    },
    onError: (err) => showFieldErrors(form, fieldErrorsOf(err, WIDGET_PATH, formNameOf)),
  });
  const issues = issuesOf(save.error);

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={14}>
        <Form<WidgetFormValues>
          form={form}
          layout="vertical"
          initialValues={initial}
          onFinish={(v) => save.mutate(v)}
          onValuesChange={(changed: Partial<WidgetFormValues>) => {
            // The preview turns to what is being edited: the greeting shows in the chat, fields in the form.
            if ('greeting' in changed) setView('chat');
            else if ('preChat' in changed) setView('preChat');
          }}
          onFinishFailed={() => notify.failed(new Error(t('widget.fixErrors')))}
          scrollToFirstError
          data-testid="inbox-settings-form"
        >
          <ErrorAlert error={save.error} shownOnFields={issues.length > 0} />
          {issues.length > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('widget.serverRejected')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {issues.map((i) => (
                    <li key={i.path}>
                      <code>{i.path.replace(WIDGET_PATH, '')}</code>: {i.message}
                    </li>
                  ))}
                </ul>
              }
              data-testid="widget-errors"
            />
          )}
          <Card title={t('widget.sections.appearance')} size="small" style={{ marginBottom: 16 }}>
            <AppearanceFields />
          </Card>
          <Card title={t('widget.sections.origins')} size="small" style={{ marginBottom: 16 }}>
            <OriginsField />
          </Card>
          <Card title={t('widget.sections.preChat')} size="small" style={{ marginBottom: 16 }}>
            <PreChatFields />
          </Card>
          <Card title={t('widget.sections.hours')} size="small" style={{ marginBottom: 16 }}>
            <BusinessHoursFields />
          </Card>
          <Card title={t('widget.sections.proactive')} size="small" style={{ marginBottom: 16 }}>
            <ProactiveFields />
          </Card>
          <StickySaveBar
            saving={save.isPending}
            onReset={() => form.resetFields()}
            saveLabel={t('common.save')}
            resetLabel={t('widget.reset')}
            saveTestId="widget-save"
          />
        </Form>
      </Col>
      <Col xs={24} xl={10}>
        <div style={{ position: 'sticky', top: 0 }}>
          <WidgetPreview values={values} inboxName={inbox.name} view={view} onViewChange={setView} />
        </div>
      </Col>
    </Row>
  );
}
