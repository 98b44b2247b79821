import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { isHttpUrl, LIMITS } from './entry-model';

function useUrlRule(): Rule {
  const { t } = useTranslation('kb');
  return {
    validator: async (_, value: string | undefined) => {
      if (value?.trim() && !isHttpUrl(value.trim())) throw new Error(t('editor.badUrl'));
    },
  };
}

/** Pictures shown under the answer: a web address and a description for screen readers. */
export function ImagesField({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation('kb');
  const url = useUrlRule();
  return (
    <Form.Item label={t('fields.images')} extra={t('editor.imagesHelp')}>
      <Form.List name="images">
        {(rows, { add, remove }) => (
          <div data-testid="kb-images">
            {rows.map((row, index) => (
              <div key={row.key} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-start' }}>
                <Form.Item
                  name={[row.name, 'url']}
                  rules={[{ required: true, whitespace: true, message: t('editor.needUrl') }, url, { max: 2000 }]}
                  style={{ flex: '2 1 260px', marginBottom: 8 }}
                >
                  <Input placeholder="https://" aria-label={t('editor.imageUrl', { n: index + 1 })} />
                </Form.Item>
                <Form.Item
                  name={[row.name, 'alt']}
                  rules={[{ max: 200 }]}
                  style={{ flex: '1 1 160px', marginBottom: 8 }}
                >
                  <Input
                    placeholder={t('editor.imageAlt')}
                    aria-label={t('editor.imageAltN', { n: index + 1 })}
                    maxLength={200}
                  />
                </Form.Item>
                {!disabled && (
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    onClick={() => remove(row.name)}
                    aria-label={t('editor.removeImage', { n: index + 1 })}
                    title={t('editor.removeImage', { n: index + 1 })}
                  />
                )}
              </div>
            ))}
            {!disabled && rows.length < LIMITS.images && (
              <Button icon={<PlusOutlined />} onClick={() => add({ url: '', alt: '' })} data-testid="kb-add-image">
                {t('editor.addImage')}
              </Button>
            )}
          </div>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** Product cards shown with the answer: title, price, picture and link. */
export function CardsField({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation('kb');
  const url = useUrlRule();
  return (
    <Form.Item label={t('fields.cards')} extra={t('editor.cardsHelp')}>
      <Form.List name="cards">
        {(rows, { add, remove }) => (
          <div data-testid="kb-cards" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {rows.map((row, index) => (
              <Card
                key={row.key}
                size="small"
                title={t('editor.cardN', { n: index + 1 })}
                extra={
                  !disabled && (
                    <Button
                      type="text"
                      size="small"
                      icon={<DeleteOutlined />}
                      onClick={() => remove(row.name)}
                      aria-label={t('editor.removeCard', { n: index + 1 })}
                      title={t('editor.removeCard', { n: index + 1 })}
                    />
                  )
                }
              >
                <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: 8 }}>
                  <Form.Item
                    name={[row.name, 'title']}
                    label={t('editor.cardTitle')}
                    rules={[{ required: true, whitespace: true, message: t('editor.needCardTitle') }, { max: 200 }]}
                    style={{ marginBottom: 0 }}
                  >
                    <Input maxLength={200} />
                  </Form.Item>
                  <Form.Item
                    name={[row.name, 'price']}
                    label={t('editor.cardPrice')}
                    rules={[{ max: 50 }]}
                    style={{ marginBottom: 0 }}
                  >
                    <Input maxLength={50} placeholder="¥99" />
                  </Form.Item>
                  <Form.Item
                    name={[row.name, 'imageUrl']}
                    label={t('editor.cardImage')}
                    rules={[url, { max: 2000 }]}
                    style={{ marginBottom: 0 }}
                  >
                    <Input placeholder="https://" />
                  </Form.Item>
                  <Form.Item
                    name={[row.name, 'url']}
                    label={t('editor.cardLink')}
                    rules={[url, { max: 2000 }]}
                    style={{ marginBottom: 0 }}
                  >
                    <Input placeholder="https://" />
                  </Form.Item>
                </div>
              </Card>
            ))}
            {!disabled && rows.length < LIMITS.cards && (
              <div>
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ title: '', price: '', imageUrl: '', url: '' })}
                  data-testid="kb-add-card"
                >
                  {t('editor.addCard')}
                </Button>
              </div>
            )}
          </div>
        )}
      </Form.List>
    </Form.Item>
  );
}
