import { EyeInvisibleOutlined, EyeOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { Inbox } from '@warmdesk/protocol';
import { Alert, Button, Card, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { describeError } from '../shared/api-errors';
import { useNotify } from '../shared/useNotify';

type Secret = { secret: string };

/** The identity-verification secret: fetched only when asked for (each read is audited), copied, rotated. */
export function SecretTab({ inbox }: { inbox: Inbox }) {
  const { t } = useTranslation('admin');
  const notify = useNotify();
  const [secret, setSecret] = useState<string | null>(null);
  const reveal = useMutation({
    mutationFn: () => api<Secret>(`/inboxes/${inbox.id}/secret`),
    onSuccess: (r) => setSecret(r.secret),
  });
  const rotate = useMutation({
    mutationFn: () => api<Secret>(`/inboxes/${inbox.id}/secret/rotate`, { method: 'POST' }),
    onSuccess: (r) => {
      setSecret(r.secret);
      notify.done(t('secret.rotated'));
    },
    onError: notify.failed,
  });

  return (
    <Card size="small" title={t('secret.title')} style={{ maxWidth: 820 }}>
      <Typography.Paragraph>{t('secret.help')}</Typography.Paragraph>
      {reveal.error && (
        <Alert type="error" showIcon title={describeError(reveal.error, t)} style={{ marginBottom: 12 }} />
      )}
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          gap: 8,
          padding: '8px 12px',
          background: '#f6f8fa',
          borderRadius: 6,
          marginBottom: 16,
        }}
      >
        {secret ? (
          <Typography.Text
            code
            copyable={{ text: secret, tooltips: [t('common.copy'), t('common.copied')] }}
            style={{ wordBreak: 'break-all' }}
            data-testid="secret-value"
          >
            {secret}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>
            ••••••••••••••••••••••••
          </Typography.Text>
        )}
      </div>
      <Space wrap>
        {secret ? (
          <Button icon={<EyeInvisibleOutlined />} onClick={() => setSecret(null)} data-testid="secret-hide">
            {t('secret.hide')}
          </Button>
        ) : (
          <Button
            icon={<EyeOutlined />}
            loading={reveal.isPending}
            onClick={() => reveal.mutate()}
            data-testid="secret-show"
          >
            {t('secret.show')}
          </Button>
        )}
        <Popconfirm
          title={t('secret.confirmRotate')}
          description={<div style={{ maxWidth: 320 }}>{t('secret.rotateHelp')}</div>}
          onConfirm={() => rotate.mutateAsync()}
          okText={t('secret.rotate')}
          okButtonProps={{ danger: true, 'data-testid': 'secret-rotate-confirm' }}
          cancelText={t('common.cancel')}
        >
          <Button danger icon={<ReloadOutlined />} loading={rotate.isPending} data-testid="secret-rotate">
            {t('secret.rotate')}
          </Button>
        </Popconfirm>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        {t('secret.audited')}
      </Typography.Paragraph>
    </Card>
  );
}
