import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Inbox } from '@warmdesk/protocol';
import { Button, Result, Skeleton, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError, api } from '../../api/http';
import { keys } from '../../api/queries';
import { AdminPage } from '../shared/AdminPage';
import { describeError } from '../shared/api-errors';
import { useNotify } from '../shared/useNotify';
import { BotTab } from './bot/BotTab';
import { CallsTab } from './calls/CallsTab';
import { EmbedTab } from './EmbedTab';
import { RoutingTab } from './routing/RoutingTab';
import { SecretTab } from './SecretTab';
import { WidgetSettingsTab } from './widget/WidgetSettingsTab';

/**
 * One inbox: its name, routing, its bot, and for web widgets the settings with preview, calls and the embed code;
 * the secret.
 */
export function InboxDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('admin');
  const { t: tr } = useTranslation('routing');
  const { t: tb } = useTranslation('bot');
  const { t: tc } = useTranslation('calls');
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [params, setParams] = useSearchParams();
  const inbox = useQuery({ queryKey: keys.inbox(id), queryFn: () => api<Inbox>(`/inboxes/${id}`) });
  const rename = useMutation({
    mutationFn: (name: string) => api<Inbox>(`/inboxes/${id}`, { method: 'PATCH', body: { name } }),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.inbox(id), updated);
      void queryClient.invalidateQueries({ queryKey: keys.inboxes, exact: true });
      notify.done();
    },
    onError: notify.failed,
  });

  const back = (
    <Link to="/admin/inboxes">
      <ArrowLeftOutlined /> {t('inboxes.back')}
    </Link>
  );
  if (inbox.isPending) return <Skeleton active />;
  if (!inbox.data) {
    const missing = inbox.error instanceof ApiError && inbox.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('inboxes.notFound') : describeError(inbox.error, t)}
        extra={<Button onClick={() => void inbox.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  const data = inbox.data;
  const widget = data.type === 'web_widget';
  const routing = { key: 'routing', label: tr('tab'), children: <RoutingTab inbox={data} /> };
  const bot = { key: 'bot', label: tb('settings.tab'), children: <BotTab inbox={data} /> };
  const calls = { key: 'calls', label: tc('settings.tab'), children: <CallsTab inbox={data} /> };
  const tabs = [
    ...(widget
      ? [
          { key: 'settings', label: t('inboxes.tabs.settings'), children: <WidgetSettingsTab inbox={data} /> },
          routing,
          bot,
          calls,
          { key: 'embed', label: t('inboxes.tabs.embed'), children: <EmbedTab inbox={data} /> },
        ]
      : [routing, bot]),
    { key: 'secret', label: t('inboxes.tabs.secret'), children: <SecretTab inbox={data} /> },
  ];
  const tab = tabs.some((x) => x.key === params.get('tab')) ? (params.get('tab') ?? '') : (tabs[0]?.key ?? '');

  return (
    <AdminPage
      title={
        <Typography.Text
          editable={{
            onChange: (name) => {
              const trimmed = name.trim();
              if (trimmed && trimmed !== data.name) rename.mutate(trimmed);
            },
            tooltip: t('inboxes.rename'),
            maxLength: 200,
          }}
          style={{ fontSize: 'inherit', fontWeight: 'inherit' }}
          data-testid="inbox-name"
        >
          {data.name}
        </Typography.Text>
      }
      description={
        <>
          <Tag>{t(`inboxes.types.${data.type}`)}</Tag> {back}
        </>
      }
    >
      <Tabs activeKey={tab} onChange={(key) => setParams({ tab: key }, { replace: true })} items={tabs} />
    </AdminPage>
  );
}
