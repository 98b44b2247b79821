import type { Inbox } from '@warmdesk/protocol';
import { Card, Form, Input, InputNumber, Radio, Select, Switch, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useTeams } from '../../../api/queries';
import { InboxConfigForm } from '../InboxConfigForm';
import { OverflowFields } from './OverflowFields';
import { RuleListFields } from './RuleListFields';
import {
  fromRoutingForm,
  POLICIES,
  preChatTopicsOf,
  type RoutingFormValues,
  routingSettingsOf,
  toRoutingForm,
} from './routing-model';

/** How an inbox's conversations reach agents; saved into `config.routing`, every other config key kept. */
export function RoutingTab({ inbox }: { inbox: Inbox }) {
  const { t } = useTranslation('routing');
  const [form] = Form.useForm<RoutingFormValues>();
  const initial = useMemo(() => toRoutingForm(routingSettingsOf(inbox.config)), [inbox.config]);
  const topics = useMemo(() => preChatTopicsOf(inbox.config), [inbox.config]);
  const teams = (useTeams().data ?? []).map((x) => ({ value: x.id, label: x.name }));

  return (
    <InboxConfigForm
      inbox={inbox}
      section="routing"
      form={form}
      initialValues={initial}
      toConfig={fromRoutingForm}
      resetLabel={t('reset')}
    >
      <Card title={t('sections.assignment')} size="small" style={{ marginBottom: 16 }}>
        <Form.Item name="policy" label={t('policy.label')}>
          <Radio.Group data-testid="routing-policy" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {POLICIES.map((p) => (
              <Radio key={p} value={p} data-testid={`routing-policy-${p}`}>
                <div>{t(`policy.${p}`)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`policy.${p}Help`)}
                </Typography.Text>
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="sticky" label={t('sticky')} extra={t('stickyHelp')} valuePropName="checked">
          <Switch data-testid="routing-sticky" />
        </Form.Item>
        <Form.Item name="vipFirst" label={t('vipFirst')} extra={t('vipFirstHelp')} valuePropName="checked">
          <Switch data-testid="routing-vip-first" />
        </Form.Item>
      </Card>
      <Card title={t('sections.serving')} size="small" style={{ marginBottom: 16 }}>
        <Form.Item name="teamIds" label={t('teams')} extra={t('teamsHelp')}>
          <Select
            mode="multiple"
            allowClear
            options={teams}
            placeholder={t('teamsPlaceholder')}
            optionFilterProp="label"
            data-testid="routing-teams"
          />
        </Form.Item>
        <Form.Item name="agentCapacity" label={t('agentCapacity')} extra={t('agentCapacityHelp')}>
          <InputNumber
            min={1}
            max={1000}
            precision={0}
            placeholder={t('agentCapacityPlaceholder')}
            style={{ width: 240 }}
            data-testid="routing-capacity"
          />
        </Form.Item>
        <Form.Item name="onAgentOffline" label={t('onAgentOffline')} extra={t('onAgentOfflineHelp')}>
          <Radio.Group
            options={(['requeue', 'keep'] as const).map((v) => ({ value: v, label: t(`offline.${v}`) }))}
            data-testid="routing-on-offline"
          />
        </Form.Item>
      </Card>
      <Card title={t('sections.rules')} size="small" style={{ marginBottom: 16 }}>
        <RuleListFields topics={topics} teams={teams} />
      </Card>
      <Card title={t('sections.hours')} size="small" style={{ marginBottom: 16 }}>
        <Form.Item name="offlineReply" label={t('offlineReply')} extra={t('offlineReplyHelp')} rules={[{ max: 500 }]}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={500}
            placeholder={t('offlineReplyPlaceholder')}
            data-testid="routing-offline-reply"
          />
        </Form.Item>
      </Card>
      <Card title={t('sections.overflow')} size="small" style={{ marginBottom: 16 }}>
        <OverflowFields teams={teams} />
      </Card>
    </InboxConfigForm>
  );
}
