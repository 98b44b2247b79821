import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agentSocket } from '../api/socket';

/** Says so while the realtime connection is down (it reconnects by itself). */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const [down, setDown] = useState(false);
  useEffect(() => {
    const socket = agentSocket();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // a short blip is not worth a banner
    const onDown = () => {
      timer = setTimeout(() => setDown(true), 2_000);
    };
    const onUp = () => {
      clearTimeout(timer);
      setDown(false);
    };
    socket.on('disconnect', onDown);
    socket.on('connect', onUp);
    return () => {
      clearTimeout(timer);
      socket.off('disconnect', onDown);
      socket.off('connect', onUp);
    };
  }, []);
  return down ? <Alert type="warning" banner title={t('connection.offline')} data-testid="connection-banner" /> : null;
}
