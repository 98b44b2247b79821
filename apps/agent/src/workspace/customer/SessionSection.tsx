import { Descriptions, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useCustomerContext } from './queries';
import { describeUserAgent } from './userAgent';

/** What the widget saw of the customer's browser: the page now, the pages before it, browser, language, zone. */
export function SessionSection({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation('workspace');
  const { data } = useCustomerContext(conversationId);
  const ctx = data?.context ?? {};
  const trail = [...(ctx.trail ?? [])].reverse();
  if (!ctx.url && trail.length === 0 && !ctx.userAgent) {
    return <Typography.Text type="secondary">{t('customer.noSession')}</Typography.Text>;
  }
  return (
    <div data-testid="customer-session">
      {ctx.url && (
        <div style={{ marginBottom: 8 }}>
          <div style={{ fontSize: 12, color: '#8c8c8c' }}>{t('customer.currentPage')}</div>
          <Typography.Link
            href={ctx.url}
            target="_blank"
            rel="noreferrer"
            ellipsis
            style={{ display: 'block' }}
            data-testid="current-page"
          >
            {ctx.title || ctx.url}
          </Typography.Link>
        </div>
      )}
      <Descriptions
        size="small"
        column={1}
        styles={{ label: { width: 96, color: '#8c8c8c' } }}
        items={[
          ctx.userAgent
            ? { key: 'browser', label: t('customer.browser'), children: describeUserAgent(ctx.userAgent) }
            : null,
          ctx.language ? { key: 'language', label: t('customer.language'), children: ctx.language } : null,
          ctx.timezone ? { key: 'timezone', label: t('customer.timezone'), children: ctx.timezone } : null,
          ctx.referrer
            ? {
                key: 'referrer',
                label: t('customer.referrer'),
                children: <Typography.Text ellipsis>{ctx.referrer}</Typography.Text>,
              }
            : null,
          data?.lastSeenAt
            ? { key: 'seen', label: t('customer.lastSeen'), children: dayjs(data.lastSeenAt).format('MM-DD HH:mm') }
            : null,
        ].filter((i) => i !== null)}
      />
      {trail.length > 1 && (
        <>
          <div style={{ fontSize: 12, color: '#8c8c8c', margin: '8px 0' }}>{t('customer.trail')}</div>
          <Timeline
            data-testid="page-trail"
            items={trail.slice(0, 10).map((p, i) => ({
              key: `${p.at}-${i}`,
              content: (
                <div style={{ minWidth: 0 }}>
                  <Typography.Link
                    href={p.url}
                    target="_blank"
                    rel="noreferrer"
                    ellipsis
                    style={{ display: 'block', maxWidth: 240 }}
                  >
                    {p.title || p.url}
                  </Typography.Link>
                  <span style={{ fontSize: 11, color: '#8c8c8c' }}>{dayjs(p.at).format('HH:mm:ss')}</span>
                </div>
              ),
            }))}
          />
        </>
      )}
    </div>
  );
}
