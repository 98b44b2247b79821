import { useQueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '@warmdesk/protocol';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError, api, setCsrfToken } from '../api/http';
import { SESSION_KEY } from '../auth/session';
import { LanguageSwitch } from '../layout/LanguageSwitch';

type Values = { password: string; confirm: string };

/** The code travels in the fragment (`#code=...`) so it never reaches server logs or Referer headers. */
const codeFrom = (hash: string) => new URLSearchParams(hash.replace(/^#/, '')).get('code')?.trim() ?? '';

/** Why an accept failed, in words the invitee can act on. */
type Reason = 'noCode' | 'invalid' | 'expired' | 'rateLimited' | 'password' | 'generic';

function reasonOf(err: unknown): Reason {
  if (!(err instanceof ApiError)) return 'generic';
  if (err.status === 429) return 'rateLimited';
  if ((err.details as { reason?: string } | undefined)?.reason === 'invite_expired') return 'expired';
  if (err.code === 'validation_failed') {
    const details = Array.isArray(err.details) ? (err.details as { path?: string }[]) : [];
    return details.some((d) => d.path?.includes('password')) ? 'password' : 'invalid';
  }
  if ([400, 401, 404, 409, 410].includes(err.status)) return 'invalid';
  return 'generic';
}

/** Where an invited user sets their password; they are signed in right after. */
export function AcceptInvitePage() {
  const { t } = useTranslation('admin');
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [code] = useState(() => codeFrom(location.hash));
  const [error, setError] = useState<Reason | null>(code ? null : 'noCode');
  const [busy, setBusy] = useState(false);

  const submit = async ({ password }: Values) => {
    setBusy(true);
    setError(null);
    try {
      const info = await api<SessionInfo>('/auth/accept-invite', { method: 'POST', body: { code, password } });
      setCsrfToken(info.csrfToken);
      queryClient.setQueryData(SESSION_KEY, info);
      navigate('/conversations', { replace: true });
    } catch (err) {
      setError(reasonOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100dvh', display: 'grid', placeItems: 'center', background: '#f5f7fa', padding: 16 }}>
      <Card title={t('acceptInvite.title')} extra={<LanguageSwitch />} style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Paragraph type="secondary">{t('acceptInvite.intro')}</Typography.Paragraph>
        {error && (
          <Alert
            type="error"
            showIcon
            title={t(`acceptInvite.errors.${error}`)}
            description={t('acceptInvite.askAdmin')}
            style={{ marginBottom: 16 }}
            data-testid="accept-invite-error"
          />
        )}
        <Form<Values> layout="vertical" onFinish={submit} requiredMark={false} disabled={!code}>
          <Form.Item
            name="password"
            label={t('acceptInvite.password')}
            extra={t('acceptInvite.passwordHelp')}
            rules={[
              { required: true, message: t('acceptInvite.passwordRule') },
              { min: 8, max: 512, message: t('acceptInvite.passwordRule') },
            ]}
          >
            <Input.Password autoComplete="new-password" autoFocus data-testid="accept-invite-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('acceptInvite.confirm')}
            dependencies={['password']}
            rules={[
              { required: true, message: t('acceptInvite.mismatch') },
              ({ getFieldValue }) => ({
                validator: async (_, value: string) => {
                  if (value && value !== getFieldValue('password')) throw new Error(t('acceptInvite.mismatch'));
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="accept-invite-confirm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="accept-invite-submit">
            {t('acceptInvite.submit')}
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
          <Link to="/login">{t('acceptInvite.haveAccount')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
