import type { User, UserStatus } from '@warmdesk/protocol';
import { App, Button, Card, Form, Input, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/http';
import { useCurrentUser, useSession } from '../auth/session';
import { type Language, setLanguage } from '../i18n';

type ProfileValues = { name: string; locale: Language | 'account'; status: UserStatus };
type PasswordValues = { currentPassword: string; password: string; confirm: string };

const STATUSES: UserStatus[] = ['online', 'away', 'offline'];

/** The agent's own name, language, status and password (changing it keeps this session signed in). */
export function ProfilePage() {
  const { t } = useTranslation('workspace');
  const { message } = App.useApp();
  const user = useCurrentUser();
  const { setUser, session } = useSession();
  const [profileForm] = Form.useForm<ProfileValues>();
  const [passwordForm] = Form.useForm<PasswordValues>();
  const [saving, setSaving] = useState(false);
  const [changing, setChanging] = useState(false);

  const saveProfile = async (values: ProfileValues) => {
    setSaving(true);
    try {
      const locale = values.locale === 'account' ? null : values.locale;
      const updated = await api<User>(`/users/${user.id}`, {
        method: 'PATCH',
        body: { name: values.name.trim(), locale, status: values.status },
      });
      setUser(updated);
      setLanguage(locale ?? session?.account.locale ?? 'en');
      message.success(t('common:saved'));
    } catch (err) {
      message.error(t('actions.failed', { message: (err as Error).message }));
    } finally {
      setSaving(false);
    }
  };

  const changePassword = async (values: PasswordValues) => {
    setChanging(true);
    try {
      // The server signs the user out everywhere else and keeps this session.
      await api<User>(`/users/${user.id}`, {
        method: 'PATCH',
        body: { password: values.password, currentPassword: values.currentPassword },
      });
      passwordForm.resetFields();
      message.success(t('profile.passwordChanged'));
    } catch (err) {
      message.error(t('actions.failed', { message: (err as Error).message }));
    } finally {
      setChanging(false);
    }
  };

  return (
    <div style={{ padding: 16, overflow: 'auto', height: '100%' }}>
      <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 560 }}>
        <Card title={t('profile.title')} extra={<Tag>{t(`common:role.${user.role}`)}</Tag>}>
          <Form<ProfileValues>
            form={profileForm}
            layout="vertical"
            data-testid="profile-form"
            initialValues={{ name: user.name, locale: user.locale ?? 'account', status: user.status }}
            onFinish={(v) => void saveProfile(v)}
          >
            <Form.Item label={t('profile.email')}>
              <Input value={user.email} disabled />
            </Form.Item>
            <Form.Item name="name" label={t('profile.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
              <Input data-testid="profile-name" />
            </Form.Item>
            <Form.Item name="locale" label={t('profile.language')}>
              <Select
                data-testid="profile-language"
                options={[
                  { value: 'account', label: t('profile.followAccount') },
                  { value: 'zh-CN', label: t('common:language.zh-CN') },
                  { value: 'en', label: t('common:language.en') },
                ]}
              />
            </Form.Item>
            <Form.Item name="status" label={t('profile.status')}>
              <Select
                data-testid="profile-status"
                options={STATUSES.map((s) => ({ value: s, label: t(`common:status.${s}`) }))}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="profile-save">
              {t('common:save')}
            </Button>
          </Form>
        </Card>
        <Card title={t('profile.passwordTitle')}>
          <Form<PasswordValues>
            form={passwordForm}
            layout="vertical"
            data-testid="password-form"
            onFinish={(v) => void changePassword(v)}
          >
            <Form.Item name="currentPassword" label={t('profile.currentPassword')} rules={[{ required: true }]}>
              <Input.Password autoComplete="current-password" data-testid="profile-current-password" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('profile.newPassword')}
              rules={[{ required: true, min: 8, max: 512, message: t('profile.passwordRule') }]}
            >
              <Input.Password autoComplete="new-password" data-testid="profile-new-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('profile.confirmPassword')}
              dependencies={['password']}
              rules={[
                { required: true },
                ({ getFieldValue }) => ({
                  validator: (_, value) =>
                    value === getFieldValue('password')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('profile.mismatch'))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" data-testid="profile-confirm-password" />
            </Form.Item>
            <Button htmlType="submit" loading={changing} data-testid="profile-change-password">
              {t('profile.changePassword')}
            </Button>
          </Form>
        </Card>
      </Space>
    </div>
  );
}
