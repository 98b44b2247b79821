import {
  ArrowLeftOutlined,
  CheckOutlined,
  IdcardOutlined,
  RedoOutlined,
  SwapOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ConversationListItem, Priority } from '@warmdesk/protocol';
import { Button, Select, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInboxes, useLabels, useTeams } from '../../api/queries';
import { useCurrentUser } from '../../auth/session';
import { CallButtons } from '../call/CallButtons';
import { useCommand } from '../commands';
import { contactName, PRIORITY_COLOR, STATUS_COLOR } from '../format';
import { useElementWidth } from '../useElementWidth';
import { SnoozeButton } from './SnoozeButton';
import { TransferModal } from './TransferModal';
import { useUpdateConversation } from './useConversationActions';

const PRIORITIES: Priority[] = ['none', 'low', 'medium', 'high', 'urgent'];

type Props = {
  conversation: ConversationListItem;
  mobile: boolean;
  onBack: () => void;
  panelOpen: boolean;
  onTogglePanel: () => void;
};

/** Who and where, and the actions: transfer, resolve / reopen, snooze, calls, priority, labels. */
export function ConversationHeader({ conversation, mobile, onBack, panelOpen, onTogglePanel }: Props) {
  const { t } = useTranslation('workspace');
  const me = useCurrentUser();
  const update = useUpdateConversation(conversation.id);
  const inboxes = useInboxes().data ?? [];
  const teams = useTeams().data ?? [];
  const labelCatalogue = useLabels().data ?? [];
  const [transferOpen, setTransferOpen] = useState(false);
  const headerRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(headerRef);
  // Icons only when the buttons' labels would not fit on one line.
  const compact = mobile || (width > 0 && width < 470);
  const { status } = conversation;
  const canResolve = status === 'open' || status === 'pending' || status === 'snoozed';
  const canReopen = status === 'resolved' || status === 'snoozed' || status === 'pending';

  const resolve = () => void update({ status: 'resolved' }, t('actions.resolved'));
  useCommand((command) => {
    if (command === 'resolve' && canResolve) resolve();
    if (command === 'assignToMe' && !(conversation.assignee?.type === 'user' && conversation.assignee.id === me.id))
      void update({ assigneeId: me.id }, t('actions.assignedToMe'));
  });

  const inbox = inboxes.find((i) => i.id === conversation.inboxId);
  const team = teams.find((x) => x.id === conversation.teamId);
  const labelOptions = [...new Set([...labelCatalogue.map((l) => l.name), ...conversation.labels])].map((name) => ({
    value: name,
    label: name,
  }));

  return (
    <div className="wd-view-header" ref={headerRef}>
      <div className="wd-view-header-row">
        {mobile && (
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            onClick={onBack}
            aria-label={t('view.back')}
            data-testid="back-to-list"
          />
        )}
        <span className="wd-view-title">
          {contactName(conversation.contact, t)}{' '}
          <span style={{ color: '#8c8c8c', fontWeight: 400 }}>#{conversation.displayId}</span>
        </span>
        <Tag color={STATUS_COLOR[status]} data-testid="status-tag" data-status={status} style={{ marginInlineEnd: 0 }}>
          {t(`status.${status}`)}
        </Tag>
        {/* No tooltip on phones: a tooltip left open under the drawer would take the drawer's Escape. */}
        <Tooltip title={mobile ? undefined : t('view.customerPanel')}>
          <Button
            icon={<IdcardOutlined />}
            type={panelOpen && !mobile ? 'primary' : 'default'}
            ghost={panelOpen && !mobile}
            onClick={onTogglePanel}
            data-testid="customer-panel-toggle"
            aria-label={t('view.customerPanel')}
          />
        </Tooltip>
      </div>
      <div className="wd-view-header-row" style={{ flexWrap: 'wrap', gap: 6 }}>
        <Button
          size="small"
          icon={<SwapOutlined />}
          onClick={() => setTransferOpen(true)}
          data-testid="transfer-button"
          title={t('actions.transfer')}
        >
          {compact ? null : t('actions.transfer')}
        </Button>
        {canResolve && (
          <Button
            size="small"
            type="primary"
            icon={<CheckOutlined />}
            onClick={resolve}
            data-testid="resolve-button"
            title={t('actions.resolve')}
          >
            {compact ? null : t('actions.resolve')}
          </Button>
        )}
        {canReopen && (
          <Button
            size="small"
            icon={<RedoOutlined />}
            onClick={() => void update({ status: 'open' }, t('actions.reopened'))}
            data-testid="reopen-button"
            title={t('actions.reopen')}
          >
            {compact ? null : t('actions.reopen')}
          </Button>
        )}
        {status !== 'closed' && status !== 'resolved' && (
          <SnoozeButton
            compact={compact}
            onSnooze={(until) =>
              void update(
                { status: 'snoozed', snoozedUntil: until.toISOString() },
                t('actions.snoozed', { until: until.format('MM-DD HH:mm') }),
              )
            }
          />
        )}
        <CallButtons conversation={conversation} compact={compact} />
        <Select<Priority>
          size="small"
          value={conversation.priority}
          onChange={(priority) => void update({ priority })}
          style={{ width: mobile ? 96 : 120 }}
          popupMatchSelectWidth={false}
          data-testid="priority-select"
          aria-label={t('view.priority')}
          options={PRIORITIES.map((p) => ({
            value: p,
            label: (
              <Tag color={PRIORITY_COLOR[p]} style={{ marginInlineEnd: 0 }}>
                {t(`priority.${p}`)}
              </Tag>
            ),
          }))}
        />
      </div>
      <div className="wd-view-header-row" style={{ fontSize: 12, color: '#8c8c8c', flexWrap: 'wrap' }}>
        <span data-testid="assignee-name">
          <UserOutlined /> {conversation.assignee?.name ?? t('list.unassigned')}
        </span>
        {team && <span>· {team.name}</span>}
        {inbox && <span>· {inbox.name}</span>}
        {status === 'snoozed' && conversation.snoozedUntil && (
          <span>· {t('view.snoozedUntil', { until: dayjs(conversation.snoozedUntil).format('MM-DD HH:mm') })}</span>
        )}
        <Select
          mode="multiple"
          size="small"
          variant="borderless"
          value={conversation.labels}
          onChange={(labels: string[]) => void update({ labels })}
          placeholder={t('view.addLabels')}
          options={labelOptions}
          style={{ flex: 1, minWidth: 140 }}
          maxTagCount="responsive"
          data-testid="labels-select"
          aria-label={t('view.labels')}
        />
      </div>
      {transferOpen && (
        <TransferModal
          conversation={conversation}
          open={transferOpen}
          onClose={() => setTransferOpen(false)}
          onTransfer={(patch) => update(patch, t('transfer.done'))}
        />
      )}
    </div>
  );
}
