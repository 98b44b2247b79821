import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import type { LiveRoom } from '@warmdesk/protocol';
import { App, Button, Card, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { qrUrl } from './api';
import { LIVE_NS } from './i18n';

/** The share link with a copy button and the QR code (PNG shown, PNG and SVG to download). */
export function SharePanel({ room }: { room: LiveRoom }) {
  const { t } = useTranslation(LIVE_NS);
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(room.shareUrl);
      message.success(t('share.copied'));
    } catch {
      // no clipboard permission (an http page): the link stays selectable in the field
    }
  };
  return (
    <Card size="small" title={t('share.title')} data-testid="live-share">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space.Compact style={{ width: '100%' }}>
          <Input readOnly value={room.shareUrl} data-testid="live-share-url" />
          <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="live-share-copy">
            {t('share.copy')}
          </Button>
        </Space.Compact>
        <img src={qrUrl(room.id, 'png')} alt={t('share.qr')} width={160} height={160} data-testid="live-qr" />
        <Space>
          <Button size="small" icon={<DownloadOutlined />} href={qrUrl(room.id, 'png')} download={`${room.slug}.png`}>
            {t('share.png')}
          </Button>
          <Button size="small" icon={<DownloadOutlined />} href={qrUrl(room.id, 'svg')} download={`${room.slug}.svg`}>
            {t('share.svg')}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}
