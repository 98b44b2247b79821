import { CrownFilled, PhoneOutlined } from '@ant-design/icons';
import type { QueueEntry, RoutingAgent } from '@warmdesk/protocol';
import { Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { QueueCallTag } from '../call/QueueCallTag';
import { contactName, duration, PRIORITY_COLOR } from '../format';
import { QueueActions } from './QueueActions';

const muted = <span style={{ color: '#bfbfbf' }}>—</span>;

/** "09:00" today, else with the date: "05-02 09:00". */
function opensAt(iso: string): string {
  const d = dayjs(iso);
  return d.format(d.isSame(dayjs(), 'day') ? 'HH:mm' : 'MM-DD HH:mm');
}

/** The waiting conversations in queue order; deferred (after-hours) ones last. */
export function QueueTable(props: {
  entries: QueueEntry[];
  loading: boolean;
  now: number;
  /** Shown to supervisors and admins: then rows offer "Assign to". */
  agents: RoutingAgent[] | null;
}) {
  const { t } = useTranslation('workspace');
  const navigate = useNavigate();
  const { now } = props;
  return (
    <Table<QueueEntry>
      data-testid="queue-table"
      rowKey="conversationId"
      size="middle"
      loading={props.loading}
      dataSource={props.entries}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('queue.empty') }}
      onRow={(e) => ({
        onClick: () => navigate(`/conversations/${e.conversationId}?view=unassigned`),
        style: { cursor: 'pointer' },
        'data-testid': 'queue-row',
        'data-conversation-id': e.conversationId,
      })}
      columns={[
        {
          key: 'position',
          title: t('queue.position'),
          width: 64,
          render: (_, e) => (e.position ? <span data-testid="queue-position">{e.position}</span> : muted),
        },
        { key: 'id', title: '#', width: 64, render: (_, e) => `#${e.displayId}` },
        {
          key: 'contact',
          title: t('queue.contact'),
          width: 220,
          render: (_, e) => (
            <div>
              <div>
                {contactName({ name: e.contact.name, email: e.contact.email, phone: null }, t)}{' '}
                {e.contact.vip && (
                  <Tag color="gold" icon={<CrownFilled />} data-testid="queue-vip">
                    VIP
                  </Tag>
                )}
              </div>
              <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 200, display: 'block' }}>
                {e.lastMessage ?? ''}
              </Typography.Text>
            </div>
          ),
        },
        {
          key: 'waiting',
          title: t('queue.waitingTime'),
          width: 100,
          // The table squeezes this column on a phone; a two-line header doubles the header's height.
          onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
          render: (_, e) =>
            e.queuedAt && !e.deferredUntil ? (
              <span data-testid="queue-waiting-time" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {duration((now - Date.parse(e.queuedAt)) / 1000)}
              </span>
            ) : (
              muted
            ),
        },
        {
          key: 'priority',
          title: t('view.priority'),
          width: 100,
          render: (_, e) => <Tag color={PRIORITY_COLOR[e.priority]}>{t(`priority.${e.priority}`)}</Tag>,
        },
        {
          key: 'notes',
          title: t('queue.notes'),
          width: 200,
          render: (_, e) => (
            <>
              <QueueCallTag conversationId={e.conversationId} />
              {e.deferredUntil && (
                <Tag color="purple" data-testid="queue-deferred">
                  {t('queue.deferredUntil', { time: opensAt(e.deferredUntil) })}
                </Tag>
              )}
              {e.leftMessage && (
                <Tag color="blue" data-testid="queue-left-message">
                  {t('queue.leftMessage')}
                </Tag>
              )}
              {e.callbackPhone && (
                <Tooltip title={t('queue.callbackHelp')}>
                  <Tag color="green" icon={<PhoneOutlined />} data-testid="queue-callback">
                    {e.callbackPhone}
                  </Tag>
                </Tooltip>
              )}
            </>
          ),
        },
        {
          key: 'inbox',
          title: t('queue.inbox'),
          width: 160,
          render: (_, e) => (
            <div>
              <div>{e.inboxName}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`queue.channels.${e.channel}`, { defaultValue: e.channel })}
              </Typography.Text>
            </div>
          ),
        },
        { key: 'topic', title: t('queue.topic'), width: 120, render: (_, e) => e.topic || muted },
        {
          key: 'page',
          title: t('queue.page'),
          width: 180,
          render: (_, e) =>
            e.page ? (
              <Typography.Link
                href={e.page.url}
                target="_blank"
                rel="noreferrer"
                ellipsis
                style={{ maxWidth: 170, display: 'inline-block' }}
                onClick={(ev) => ev.stopPropagation()}
              >
                {e.page.title || e.page.url}
              </Typography.Link>
            ) : (
              muted
            ),
        },
        {
          key: 'actions',
          title: t('queue.actions'),
          width: props.agents ? 270 : 90,
          fixed: 'right',
          render: (_, e) => <QueueActions entry={e} agents={props.agents} />,
        },
      ]}
    />
  );
}
