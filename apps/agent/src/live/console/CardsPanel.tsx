import { PushpinFilled, PushpinOutlined } from '@ant-design/icons';
import type { LiveCard } from '@warmdesk/protocol';
import { App, Button, Card, Empty, Image, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIVE_NS } from '../i18n';
import { liveEmit } from './useLiveConsole';

/** The room's product cards: pin one to show it to every viewer, unpin it; clicks counted per card. */
export function CardsPanel({
  roomId,
  cards,
  canModerate,
}: {
  roomId: string;
  cards: LiveCard[];
  canModerate: boolean;
}) {
  const { t } = useTranslation(LIVE_NS);
  const { message } = App.useApp();
  const pin = async (card: LiveCard) => {
    try {
      await liveEmit('live:pin', { roomId, cardId: card.id, pinned: !card.pinned });
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Card size="small" title={t('cards.title')} styles={{ body: { padding: 8 } }} data-testid="live-cards-panel">
      {cards.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cards.empty')} />}
      {cards.map((card) => (
        <div
          key={card.id}
          style={{ display: 'flex', gap: 8, alignItems: 'center', padding: '4px 0' }}
          data-testid="live-card-row"
          data-card-id={card.id}
        >
          {card.imageUrl && (
            <Image src={card.imageUrl} width={40} height={40} style={{ objectFit: 'cover' }} preview={false} />
          )}
          <div style={{ flex: 1, minWidth: 0 }}>
            <Typography.Text ellipsis>{card.title}</Typography.Text>
            <div>
              <Space size={4}>
                {card.price && <Typography.Text type="danger">{card.price}</Typography.Text>}
                <Tag data-testid="live-card-clicks" data-count={card.clicks}>
                  {t('cards.clicks', { count: card.clicks })}
                </Tag>
              </Space>
            </div>
          </div>
          {canModerate && (
            <Button
              size="small"
              type={card.pinned ? 'primary' : 'default'}
              icon={card.pinned ? <PushpinFilled /> : <PushpinOutlined />}
              onClick={() => void pin(card)}
              data-testid="live-card-pin"
              data-pinned={card.pinned}
            >
              {card.pinned ? t('cards.unpin') : t('cards.pin')}
            </Button>
          )}
        </div>
      ))}
    </Card>
  );
}
