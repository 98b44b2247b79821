import { App } from 'antd';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { beep, showDesktop } from '../../notifications/desktop';
import { conversationPath } from '../paths';

export type Alert = { title: string; body: string; conversationId: string };

/** Something needs the agent: a toast here, a desktop notification while the tab is hidden, and a beep. */
export function useAlert(): (alert: Alert) => void {
  const { notification } = App.useApp();
  const navigate = useNavigate();
  return useCallback(
    ({ title, body, conversationId }: Alert) => {
      const key = `alert-${conversationId}`;
      const open = () => {
        notification.destroy(key);
        navigate(conversationPath(conversationId));
      };
      notification.info({
        key,
        title,
        description: body,
        placement: 'bottomRight',
        duration: 6,
        onClick: open,
        style: { cursor: 'pointer' },
        props: { 'data-testid': 'alert-toast' },
      });
      if (document.visibilityState !== 'visible') showDesktop(title, body, conversationId, open);
      beep();
    },
    [notification, navigate],
  );
}
