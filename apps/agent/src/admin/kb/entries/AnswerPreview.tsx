import { RobotOutlined } from '@ant-design/icons';
import { Card, Form, type FormInstance, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AnswerExtras } from '../../../workspace/conversation/bot/AnswerExtras';
import { RichText } from '../../../workspace/conversation/bot/RichText';
import { webUrl } from '../../../workspace/conversation/bot/richText';
import type { EntryFormValues } from './entry-model';

/** The answer as the customer will see it: bold, links, pictures and product cards, updated while typing. */
export function AnswerPreview({ form }: { form: FormInstance<EntryFormValues> }) {
  const { t } = useTranslation('kb');
  const text = Form.useWatch('answerText', form) ?? '';
  const images = Form.useWatch('images', form) ?? [];
  const cards = Form.useWatch('cards', form) ?? [];
  const shownImages = images.flatMap((i) => {
    const url = webUrl(i?.url?.trim());
    return url ? [{ url, alt: i.alt?.trim() ?? '' }] : [];
  });
  const shownCards = cards
    .filter((c) => c?.title?.trim())
    .map((c) => ({
      title: c.title.trim(),
      price: c.price?.trim() ?? '',
      imageUrl: webUrl(c.imageUrl?.trim()),
      url: webUrl(c.url?.trim()),
    }));
  return (
    <Card
      size="small"
      title={t('editor.preview')}
      style={{ position: 'sticky', top: 0, marginBottom: 16 }}
      data-testid="kb-preview"
    >
      {text.trim() || shownImages.length > 0 || shownCards.length > 0 ? (
        <div
          role="document"
          aria-label={t('editor.preview')}
          style={{
            background: '#f0f5ff',
            border: '1px solid #d6e4ff',
            borderRadius: 12,
            borderTopLeftRadius: 4,
            padding: '8px 12px',
            lineHeight: 1.5,
          }}
        >
          <RichText text={text} />
          <AnswerExtras images={shownImages} cards={shownCards} />
        </div>
      ) : (
        <Typography.Text type="secondary">
          <RobotOutlined /> {t('editor.previewEmpty')}
        </Typography.Text>
      )}
    </Card>
  );
}
