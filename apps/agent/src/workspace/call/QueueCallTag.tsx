import { PhoneOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { QueueEntry } from '@warmdesk/protocol';
import { App, Button, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { keys } from '../../api/queries';
import '../../i18n/calls';
import { fetchCalls } from './callApi';
import { acceptErrorText } from './callErrors';
import { acceptCall } from './callLauncher';
import { putCalls, useLiveCall } from './callStore';

const FETCH_AT_MOST = 50;

/** The queue's calls after a reload: each waiting web-widget conversation's live call, fetched once. */
export function useQueueCalls(entries: QueueEntry[]): void {
  const fetched = useRef(new Set<string>());
  const ids = entries
    .filter((e) => e.channel === 'web_widget')
    .slice(0, FETCH_AT_MOST)
    .map((e) => e.conversationId);
  const key = ids.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the ids
  useEffect(() => {
    for (const id of ids) {
      if (fetched.current.has(id)) continue;
      fetched.current.add(id);
      void fetchCalls(id).then(putCalls, () => fetched.current.delete(id));
    }
  }, [key]);
}

/** A customer in the queue asked for a call (video badge): taking the call takes the conversation. */
export function QueueCallTag({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation('calls');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const call = useLiveCall(conversationId);
  const [busy, setBusy] = useState(false);
  if (!call || call.state === 'active') return null;

  const take = () => {
    setBusy(true);
    acceptCall(call, call.media)
      .then(
        () => navigate(`/conversations/${conversationId}`),
        (err: Error) => message.error(acceptErrorText(err, t)),
      )
      .finally(() => {
        setBusy(false);
        void qc.invalidateQueries({ queryKey: keys.queue });
      });
  };
  return (
    <>
      <Tag
        color="magenta"
        icon={call.media === 'video' ? <VideoCameraOutlined /> : <PhoneOutlined />}
        data-testid="queue-call"
        data-media={call.media}
        data-call-id={call.id}
      >
        {t(`queued.${call.media}`)}
      </Tag>
      {call.state === 'queued' && (
        <Button
          size="small"
          type="primary"
          loading={busy}
          onClick={(e) => {
            e.stopPropagation();
            take();
          }}
          data-testid="queue-call-accept"
        >
          {t('queued.accept')}
        </Button>
      )}
    </>
  );
}
