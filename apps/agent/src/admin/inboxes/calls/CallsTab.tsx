import type { CallSettings, Inbox } from '@warmdesk/protocol';
import { Card, Form, InputNumber, Switch } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import '../../../i18n/calls';
import { InboxConfigForm } from '../InboxConfigForm';
import { callSettingsOf, fromCallsForm, RETENTION_LIMITS } from './calls-model';

/** Which calls customers may start from the widget, and call recording; saved into `config.calls`. */
export function CallsTab({ inbox }: { inbox: Inbox }) {
  const { t } = useTranslation('calls');
  const [form] = Form.useForm<CallSettings>();
  const initial = useMemo(() => callSettingsOf(inbox.config), [inbox.config]);
  const recording = Form.useWatch('recording', form) ?? initial.recording;

  return (
    <InboxConfigForm
      inbox={inbox}
      section="calls"
      form={form}
      initialValues={initial}
      toConfig={fromCallsForm}
      resetLabel={t('settings.reset')}
    >
      <Card title={t('settings.sections.customers')} size="small" style={{ marginBottom: 16 }}>
        <Form.Item name="voice" label={t('settings.voice')} extra={t('settings.voiceHelp')} valuePropName="checked">
          <Switch data-testid="calls-voice" />
        </Form.Item>
        <Form.Item name="video" label={t('settings.video')} extra={t('settings.videoHelp')} valuePropName="checked">
          <Switch data-testid="calls-video" />
        </Form.Item>
      </Card>
      <Card title={t('settings.sections.recording')} size="small" style={{ marginBottom: 16 }}>
        <Form.Item
          name="recording"
          label={t('settings.recording')}
          extra={t('settings.recordingHelp')}
          valuePropName="checked"
        >
          <Switch data-testid="calls-recording" />
        </Form.Item>
        <Form.Item
          name="recordingRetentionDays"
          label={t('settings.retention')}
          extra={t('settings.retentionHelp')}
          rules={[{ required: true }]}
          hidden={!recording}
        >
          <InputNumber
            min={RETENTION_LIMITS.min}
            max={RETENTION_LIMITS.max}
            precision={0}
            suffix={t('settings.days')}
            style={{ width: 160 }}
            data-testid="calls-retention"
          />
        </Form.Item>
      </Card>
    </InboxConfigForm>
  );
}
