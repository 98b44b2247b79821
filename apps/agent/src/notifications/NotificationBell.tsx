import { BellOutlined } from '@ant-design/icons';
import { Button, Popover } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotifications } from './useNotifications';

const NotificationList = lazy(() => import('./NotificationList').then((m) => ({ default: m.NotificationList })));

/** The bell in the header: unread count, and the list (a lazy chunk) when opened. */
export function NotificationBell() {
  const { t } = useTranslation('workspace');
  const [open, setOpen] = useState(false);
  const unread = useNotifications().data?.unread ?? 0;
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      arrow={false}
      // Shift back into the screen rather than spill off it: on a phone the bell sits mid-header.
      align={{ overflow: { adjustY: true, shiftX: true } }}
      destroyOnHidden
      content={
        <Suspense fallback={<div style={{ width: 320, height: 120 }} />}>
          <NotificationList onNavigate={() => setOpen(false)} />
        </Suspense>
      }
    >
      <Button
        type="text"
        aria-label={t('notifications.title')}
        data-testid="notification-bell"
        style={{ position: 'relative' }}
        icon={<BellOutlined style={{ fontSize: 18 }} />}
      >
        <span
          data-testid="notification-count"
          data-count={unread}
          style={{
            display: unread > 0 ? 'inline-block' : 'none',
            position: 'absolute',
            top: -2,
            right: -4,
            minWidth: 16,
            height: 16,
            padding: '0 4px',
            borderRadius: 8,
            background: '#ff4d4f',
            color: '#fff',
            fontSize: 11,
            lineHeight: '16px',
            textAlign: 'center',
          }}
        >
          {unread > 99 ? '99+' : unread}
        </span>
      </Button>
    </Popover>
  );
}
