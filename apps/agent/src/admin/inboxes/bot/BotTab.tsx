import type { BotSettings, Inbox } from '@warmdesk/protocol';
import { Alert, Card, Form, Input, InputNumber, Select, Switch } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { InboxConfigForm } from '../InboxConfigForm';
import { BOT_LIMITS, botSettingsOf, fromBotForm } from './bot-model';

/** The inbox's knowledge-base bot: whether it answers first, how it greets, when it hands over; saved into `config.bot`. */
export function BotTab({ inbox }: { inbox: Inbox }) {
  const { t } = useTranslation('bot');
  const [form] = Form.useForm<BotSettings>();
  const initial = useMemo(() => botSettingsOf(inbox.config), [inbox.config]);
  const enabled = Form.useWatch('enabled', form) ?? initial.enabled;

  return (
    <InboxConfigForm
      inbox={inbox}
      section="bot"
      form={form}
      initialValues={initial}
      toConfig={fromBotForm}
      resetLabel={t('settings.reset')}
    >
      <Card title={t('settings.sections.answering')} size="small" style={{ marginBottom: 16 }}>
        <Form.Item
          name="enabled"
          label={t('settings.enabled')}
          extra={t('settings.enabledHelp')}
          valuePropName="checked"
        >
          <Switch data-testid="bot-enabled" />
        </Form.Item>
        {enabled && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={
              <>
                {t('settings.kbHint')} <Link to="/kb/entries">{t('settings.kbLink')}</Link>
              </>
            }
          />
        )}
        <Form.Item
          name="name"
          label={t('settings.name')}
          extra={t('settings.nameHelp')}
          rules={[{ max: BOT_LIMITS.name }]}
        >
          <Input maxLength={BOT_LIMITS.name} placeholder={t('settings.namePlaceholder')} data-testid="bot-name" />
        </Form.Item>
        <Form.Item
          name="greeting"
          label={t('settings.greeting')}
          extra={t('settings.greetingHelp')}
          rules={[{ max: BOT_LIMITS.greeting }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={BOT_LIMITS.greeting}
            placeholder={t('settings.greetingPlaceholder')}
            data-testid="bot-greeting"
          />
        </Form.Item>
        <Form.Item
          name="askHelpful"
          label={t('settings.askHelpful')}
          extra={t('settings.askHelpfulHelp')}
          valuePropName="checked"
        >
          <Switch data-testid="bot-ask-helpful" />
        </Form.Item>
      </Card>
      <Card title={t('settings.sections.handoff')} size="small" style={{ marginBottom: 16 }}>
        <Form.Item
          name="handoffKeywords"
          label={t('settings.keywords')}
          extra={t('settings.keywordsHelp')}
          rules={[
            {
              type: 'array',
              max: BOT_LIMITS.keywords,
              message: t('settings.tooManyKeywords', { max: BOT_LIMITS.keywords }),
            },
            {
              validator: async (_, value: string[] | undefined) => {
                const long = (value ?? []).find((k) => k.trim().length > BOT_LIMITS.keyword);
                if (long) throw new Error(t('settings.keywordTooLong', { word: long, max: BOT_LIMITS.keyword }));
              },
            },
          ]}
        >
          <Select
            mode="tags"
            tokenSeparators={[',', '，', '、']}
            placeholder={t('settings.keywordsPlaceholder')}
            aria-label={t('settings.keywords')}
            data-testid="bot-keywords"
          />
        </Form.Item>
        <Form.Item name="maxMisses" label={t('settings.maxMisses')} extra={t('settings.maxMissesHelp')}>
          <InputNumber
            min={BOT_LIMITS.minMisses}
            max={BOT_LIMITS.maxMisses}
            precision={0}
            style={{ width: 120 }}
            data-testid="bot-max-misses"
          />
        </Form.Item>
        <Form.Item
          name="handoffOnAnger"
          label={t('settings.handoffOnAnger')}
          extra={t('settings.handoffOnAngerHelp')}
          valuePropName="checked"
        >
          <Switch data-testid="bot-handoff-anger" />
        </Form.Item>
      </Card>
    </InboxConfigForm>
  );
}
