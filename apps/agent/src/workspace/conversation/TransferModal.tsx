import type { ConversationListItem } from '@warmdesk/protocol';
import { Badge, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTeams, useUsers } from '../../api/queries';
import type { ConversationPatch } from './useConversationActions';

const UNASSIGNED = '__none__';
const STATUS_COLOR: Record<string, string> = {
  online: '#52c41a',
  busy: '#faad14',
  away: '#faad14',
  offline: '#bfbfbf',
};

type Props = {
  conversation: ConversationListItem;
  open: boolean;
  onClose: () => void;
  onTransfer: (patch: ConversationPatch) => Promise<boolean>;
};

/** Assign or transfer to a colleague and/or a team, with an optional note for the new owner. */
export function TransferModal({ conversation, open, onClose, onTransfer }: Props) {
  const { t } = useTranslation('workspace');
  const users = (useUsers().data ?? []).filter((u) => u.active && !u.invited);
  const teams = useTeams().data ?? [];
  const currentAssignee = conversation.assignee?.type === 'user' ? conversation.assignee.id : UNASSIGNED;
  const [assignee, setAssignee] = useState<string>(currentAssignee);
  const [team, setTeam] = useState<string | undefined>(conversation.teamId ?? undefined);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);

  const patch: ConversationPatch = {};
  if (assignee !== currentAssignee) patch.assigneeId = assignee === UNASSIGNED ? null : assignee;
  if ((team ?? null) !== conversation.teamId) patch.teamId = team ?? null;
  const changed = Object.keys(patch).length > 0;

  const confirm = async () => {
    if (!changed) return;
    setSaving(true);
    const ok = await onTransfer(note.trim() ? { ...patch, note: note.trim() } : patch);
    setSaving(false);
    if (ok) onClose();
  };

  return (
    <Modal
      open={open}
      title={t('transfer.title', { displayId: conversation.displayId })}
      onCancel={onClose}
      onOk={() => void confirm()}
      okText={t('transfer.confirm')}
      okButtonProps={{ disabled: !changed, loading: saving, 'data-testid': 'transfer-confirm' }}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('transfer.agent')}>
          <Select
            showSearch={{ optionFilterProp: 'search' }}
            value={assignee}
            onChange={setAssignee}
            data-testid="transfer-agent-select"
            options={[
              { value: UNASSIGNED, label: t('transfer.unassigned'), search: t('transfer.unassigned') },
              ...users.map((u) => ({
                value: u.id,
                search: `${u.name} ${u.email}`,
                label: (
                  <span data-testid="transfer-agent-option" data-user-id={u.id}>
                    <Badge color={STATUS_COLOR[u.status]} /> {u.name}
                    <span style={{ color: '#8c8c8c', marginInlineStart: 6 }}>{t(`common:status.${u.status}`)}</span>
                  </span>
                ),
              })),
            ]}
          />
        </Form.Item>
        <Form.Item label={t('transfer.team')}>
          <Select
            allowClear
            placeholder={t('transfer.noTeam')}
            value={team}
            onChange={(v?: string) => setTeam(v)}
            data-testid="transfer-team-select"
            options={teams.map((team) => ({ value: team.id, label: team.name }))}
          />
        </Form.Item>
        <Form.Item label={t('transfer.note')} extra={t('transfer.noteHint')}>
          <Input.TextArea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={2000}
            data-testid="transfer-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
