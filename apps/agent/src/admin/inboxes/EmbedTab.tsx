import type { Inbox } from '@warmdesk/protocol';
import { Card, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CodeBlock } from './CodeBlock';
import { embedSnippet, HMAC_EXAMPLES, identifySnippet } from './snippets';

/** How to put the widget on a site: the script tag, and the verified-identity variant with its hmac. */
export function EmbedTab({ inbox }: { inbox: Inbox }) {
  const { t } = useTranslation('admin');
  const origin = window.location.origin;
  return (
    <div style={{ maxWidth: 820 }}>
      <Card size="small" title={t('embed.title')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph>{t('embed.help')}</Typography.Paragraph>
        <CodeBlock code={embedSnippet(origin, inbox.publicKey)} testId="embed-snippet" />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('embed.publicKey')}{' '}
          <Typography.Text code copyable>
            {inbox.publicKey}
          </Typography.Text>
        </Typography.Paragraph>
      </Card>
      <Card size="small" title={t('embed.identifyTitle')}>
        <Typography.Paragraph>{t('embed.identifyHelp')}</Typography.Paragraph>
        <CodeBlock code={identifySnippet(origin, inbox.publicKey)} testId="identify-snippet" />
        <Typography.Paragraph style={{ marginTop: 16 }}>{t('embed.hmacHelp')}</Typography.Paragraph>
        <Tabs
          size="small"
          items={HMAC_EXAMPLES.map((ex) => ({ key: ex.key, label: ex.label, children: <CodeBlock code={ex.code} /> }))}
        />
        <Typography.Paragraph type="warning" style={{ marginBottom: 0 }}>
          {t('embed.secretWarning')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
