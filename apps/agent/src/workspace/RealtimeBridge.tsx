import { useQueryClient } from '@tanstack/react-query';
import type { Conversation, Message, Notification, ReadEvent, TypingEvent } from '@warmdesk/protocol';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { keys } from '../api/queries';
import { agentSocket } from '../api/socket';
import { useCurrentUser } from '../auth/session';
import { unlockAudio } from '../notifications/desktop';
import { addNotification, useNotifications } from '../notifications/useNotifications';
import {
  applyConversationUpdate,
  applyConversationUpdates,
  fetchConversation,
  findCachedConversation,
  patchConversation,
} from './conversationCache';
import { receiveMessage } from './liveMessage';
import { isOnScreen } from './onScreen';
import { snippet } from './paths';
import { throttle } from './realtime/throttle';
import { useAlert } from './realtime/useAlert';
import { setTyping } from './typingStore';
import { useMineUnread } from './useMineUnread';

/**
 * Keeps the cache live from the agent socket, app-wide: lists, timelines, counts, typing, read receipts and
 * notifications; alerts the agent; shows the unread count in the tab title.
 */
export function RealtimeBridge() {
  const qc = useQueryClient();
  const me = useCurrentUser();
  const { t } = useTranslation('workspace');
  const alert = useAlert();
  const latest = useRef({ t, alert, meId: me.id });
  latest.current = { t, alert, meId: me.id };

  useTitleCount();
  useAudioUnlock();

  useEffect(() => {
    const socket = agentSocket();
    const counts = throttle(() => void qc.invalidateQueries({ queryKey: keys.counts }), 1_500);
    let connectedBefore = false;

    const onConnect = () => {
      socket.emit('conversation:watch', { all: true }, () => {});
      if (connectedBefore) {
        // Events were missed while offline: catch up (timelines load only what is new).
        void qc.invalidateQueries({ queryKey: keys.conversations });
        void qc.invalidateQueries({ queryKey: ['conversation'] });
        void qc.invalidateQueries({ queryKey: ['messages'] });
        void qc.invalidateQueries({ queryKey: keys.notifications });
        counts.call();
      }
      connectedBefore = true;
    };

    const customerReplyAlert = (message: Message) => {
      const { t, alert, meId } = latest.current;
      const conversation = findCachedConversation(qc, message.conversationId);
      if (conversation?.assignee?.type !== 'user' || conversation.assignee.id !== meId) return;
      const name = conversation.contact?.name || conversation.contact?.email || t('contact.anonymous');
      alert({
        title: t('alerts.customerReply', { name, displayId: conversation.displayId }),
        body: snippet(message.content, 120),
        conversationId: message.conversationId,
      });
    };

    const onMessage = (message: Message) => {
      const fromCustomer = message.sender.type === 'contact';
      const seen = isOnScreen(message.conversationId);
      const known = Boolean(findCachedConversation(qc, message.conversationId));
      receiveMessage(qc, message, { unread: fromCustomer && !seen });
      counts.call();
      if (!fromCustomer || seen) return;
      if (known) customerReplyAlert(message);
      else void fetchConversation(qc, message.conversationId).then(() => customerReplyAlert(message));
    };

    const onNotification = (notification: Notification) => {
      const { t, alert, meId } = latest.current;
      addNotification(qc, notification);
      if (notification.actor?.id === meId || isOnScreen(notification.conversationId)) return;
      const actor = notification.actor?.name ?? t('notifications.someone');
      alert({
        title: t(`notifications.${notification.type}`, { actor, displayId: notification.displayId }),
        body: snippet(notification.snippet, 120),
        conversationId: notification.conversationId,
      });
    };

    const onConversation = (conversation: Conversation) => {
      applyConversationUpdate(qc, conversation);
      counts.call();
    };

    const onConversations = (conversations: Conversation[]) => {
      applyConversationUpdates(qc, conversations);
      counts.call();
    };

    const onTyping = (event: TypingEvent) => {
      if (event.sender.type === 'contact') setTyping(event.conversationId, event.typing);
    };

    const onRead = (event: ReadEvent) => {
      if (event.readerType === 'contact') {
        patchConversation(qc, event.conversationId, (c) => ({
          ...c,
          contactReadSeq: Math.max(c.contactReadSeq, event.seq),
        }));
      } else if (event.readerId === latest.current.meId) {
        patchConversation(qc, event.conversationId, (c) => ({ ...c, unreadCount: 0 }));
        counts.call();
      }
    };

    socket.on('connect', onConnect);
    if (socket.connected) onConnect();
    socket.on('conversation:updated', onConversation);
    socket.on('conversations:updated', onConversations);
    socket.on('message:new', onMessage);
    socket.on('typing', onTyping);
    socket.on('read', onRead);
    socket.on('notification:new', onNotification);
    return () => {
      counts.cancel();
      socket.off('connect', onConnect);
      socket.off('conversation:updated', onConversation);
      socket.off('conversations:updated', onConversations);
      socket.off('message:new', onMessage);
      socket.off('typing', onTyping);
      socket.off('read', onRead);
      socket.off('notification:new', onNotification);
    };
  }, [qc]);

  return null;
}

/** `(N) Warmdesk`: my unread conversations plus unread notifications. */
function useTitleCount(): void {
  const { t } = useTranslation();
  const mine = useMineUnread();
  const notifications = useNotifications().data?.unread ?? 0;
  const total = mine + notifications;
  const appName = t('appName');
  useEffect(() => {
    document.title = total > 0 ? `(${total}) ${appName}` : appName;
  }, [total, appName]);
}

/** The beep may only play after a user gesture; the first one unlocks audio. */
function useAudioUnlock(): void {
  useEffect(() => {
    const unlock = () => unlockAudio();
    window.addEventListener('pointerdown', unlock);
    window.addEventListener('keydown', unlock);
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, []);
}
