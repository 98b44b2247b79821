import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Notification } from '@warmdesk/protocol';
import { useCallback } from 'react';
import { api } from '../api/http';
import { keys } from '../api/queries';

export type NotificationsData = { items: Notification[]; unread: number };

export const useNotifications = () =>
  useQuery({ queryKey: keys.notifications, queryFn: () => api<NotificationsData>('/notifications') });

/** Marks some (or all) notifications read, here at once and then on the server. */
export function useMarkNotificationsRead() {
  const qc = useQueryClient();
  return useCallback(
    async (ids: string[] | 'all') => {
      const now = new Date().toISOString();
      qc.setQueryData<NotificationsData>(keys.notifications, (data) => {
        if (!data) return data;
        const items = data.items.map((n) =>
          !n.readAt && (ids === 'all' || ids.includes(n.id)) ? { ...n, readAt: now } : n,
        );
        const newlyRead = data.items.filter((n, i) => !n.readAt && items[i]?.readAt).length;
        return { items, unread: ids === 'all' ? 0 : Math.max(0, data.unread - newlyRead) };
      });
      try {
        await api('/notifications/read', { method: 'POST', body: ids === 'all' ? { all: true } : { ids } });
      } finally {
        void qc.invalidateQueries({ queryKey: keys.notifications });
      }
    },
    [qc],
  );
}

/** A new notification from the socket goes on top of the list. */
export function addNotification(qc: ReturnType<typeof useQueryClient>, notification: Notification): void {
  const data = qc.getQueryData<NotificationsData>(keys.notifications);
  if (!data) {
    void qc.invalidateQueries({ queryKey: keys.notifications });
    return;
  }
  if (data.items.some((n) => n.id === notification.id)) return;
  qc.setQueryData<NotificationsData>(keys.notifications, {
    items: [notification, ...data.items],
    unread: data.unread + (notification.readAt ? 0 : 1),
  });
}
