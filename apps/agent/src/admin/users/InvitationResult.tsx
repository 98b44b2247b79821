import { Alert, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../shared/format';
import { absoluteUrl, type Invitation } from './user-api';

/** The invitation just made: the link to pass on (shown once), whether it was emailed, and until when it works. */
export function InvitationResult({ invitation }: { invitation: Invitation }) {
  const { t } = useTranslation('admin');
  const url = absoluteUrl(invitation.inviteUrl);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert
        type={invitation.emailed ? 'success' : 'info'}
        showIcon
        title={invitation.emailed ? t('users.invite.emailed') : t('users.invite.notEmailed')}
      />
      <Typography.Text strong>{t('users.invite.link')}</Typography.Text>
      <Typography.Paragraph
        copyable={{ text: url, tooltips: [t('common.copy'), t('common.copied')] }}
        code
        style={{ wordBreak: 'break-all', marginBottom: 0 }}
        data-testid="invite-link"
      >
        {url}
      </Typography.Paragraph>
      <Typography.Text type="secondary">
        {t('users.invite.expires', { time: formatTime(invitation.expiresAt) })}
      </Typography.Text>
    </Space>
  );
}
