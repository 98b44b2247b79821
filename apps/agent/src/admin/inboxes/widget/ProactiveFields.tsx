import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const MAX_RULES = 10;

/** Proactive greetings: open the widget with a message on matching pages after some seconds. */
export function ProactiveFields() {
  const { t } = useTranslation('admin');
  return (
    <Form.List name="proactive">
      {(rows, { add, remove }) => (
        <>
          <Typography.Paragraph type="secondary">{t('widget.proactive.help')}</Typography.Paragraph>
          {rows.map((row) => (
            <Card key={row.key} size="small" style={{ marginBottom: 12 }} data-testid="widget-proactive-rule">
              <Form.Item
                name={[row.name, 'message']}
                label={t('widget.proactive.message')}
                rules={[{ required: true, whitespace: true, message: t('widget.required') }, { max: 500 }]}
              >
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
              </Form.Item>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-start' }}>
                <Form.Item
                  name={[row.name, 'urlContains']}
                  label={t('widget.proactive.urlContains')}
                  tooltip={t('widget.proactive.urlContainsHelp')}
                  rules={[{ max: 200 }]}
                  style={{ flex: '1 1 180px', marginBottom: 0 }}
                >
                  <Input placeholder="/checkout" />
                </Form.Item>
                <Form.Item
                  name={[row.name, 'afterSeconds']}
                  label={t('widget.proactive.afterSeconds')}
                  style={{ width: 140, marginBottom: 0 }}
                >
                  <InputNumber min={0} max={3600} precision={0} style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item
                  name={[row.name, 'returningOnly']}
                  label={t('widget.proactive.returningOnly')}
                  valuePropName="checked"
                  style={{ marginBottom: 0 }}
                >
                  <Switch />
                </Form.Item>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('common.remove')}
                  onClick={() => remove(row.name)}
                  style={{ marginTop: 30 }}
                />
              </div>
            </Card>
          ))}
          <Button
            icon={<PlusOutlined />}
            disabled={rows.length >= MAX_RULES}
            onClick={() => add({ urlContains: '', afterSeconds: 10, returningOnly: false, message: '' })}
            data-testid="widget-proactive-add"
          >
            {t('widget.proactive.add')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
