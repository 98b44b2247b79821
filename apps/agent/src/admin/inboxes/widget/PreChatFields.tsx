import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { PreChatField } from '@warmdesk/protocol';
import { Button, Card, Checkbox, Form, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { PRECHAT_KEY } from './settings-model';

const TYPES: PreChatField['type'][] = ['name', 'email', 'phone', 'topic', 'text'];
const MAX_FIELDS = 10;

/** A new field's key: its type when still free (name, email...), else `field_N`. */
function freeKey(type: PreChatField['type'], used: string[]): string {
  if (!used.includes(type)) return type;
  let n = 1;
  while (used.includes(`field_${n}`)) n++;
  return `field_${n}`;
}

/** The pre-chat form: whether it is asked, and its fields (kind, label, key, required, topic choices). */
export function PreChatFields() {
  const { t } = useTranslation('admin');
  const form = Form.useFormInstance();
  const enabled = Form.useWatch(['preChat', 'enabled'], form) as boolean | undefined;
  const typeOptions = TYPES.map((type) => ({ value: type, label: t(`widget.preChat.types.${type}`) }));

  return (
    <>
      <Form.Item
        name={['preChat', 'enabled']}
        label={t('widget.preChat.enabled')}
        extra={t('widget.preChat.help')}
        valuePropName="checked"
      >
        <Switch data-testid="widget-prechat-enabled" />
      </Form.Item>
      <Form.List name={['preChat', 'fields']}>
        {(rows, { add, remove }) => (
          <>
            {rows.map((row) => (
              <Card key={row.key} size="small" style={{ marginBottom: 12 }} data-testid="widget-prechat-field">
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-start' }}>
                  <Form.Item name={[row.name, 'type']} label={t('widget.preChat.type')} style={{ minWidth: 130 }}>
                    <Select options={typeOptions} />
                  </Form.Item>
                  <Form.Item
                    name={[row.name, 'label']}
                    label={t('widget.preChat.label')}
                    rules={[{ required: true, whitespace: true, message: t('widget.required') }, { max: 500 }]}
                    style={{ flex: '1 1 160px' }}
                  >
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[row.name, 'key']}
                    label={t('widget.preChat.key')}
                    tooltip={t('widget.preChat.keyHelp')}
                    rules={[{ required: true, pattern: PRECHAT_KEY, message: t('widget.preChat.keyRule') }]}
                    style={{ width: 140 }}
                  >
                    <Input />
                  </Form.Item>
                  <Form.Item name={[row.name, 'required']} label={t('widget.preChat.required')} valuePropName="checked">
                    <Checkbox />
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
                <Form.Item
                  noStyle
                  shouldUpdate={(prev, next) =>
                    prev.preChat?.fields?.[row.name]?.type !== next.preChat?.fields?.[row.name]?.type
                  }
                >
                  {({ getFieldValue }) =>
                    getFieldValue(['preChat', 'fields', row.name, 'type']) === 'topic' && (
                      <Form.Item
                        name={[row.name, 'options']}
                        label={t('widget.preChat.options')}
                        extra={t('widget.preChat.optionsHelp')}
                        rules={[{ type: 'array', max: 20 }]}
                        style={{ marginBottom: 0 }}
                      >
                        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} />
                      </Form.Item>
                    )
                  }
                </Form.Item>
              </Card>
            ))}
            <Button
              icon={<PlusOutlined />}
              disabled={rows.length >= MAX_FIELDS}
              onClick={() => {
                const current = (form.getFieldValue(['preChat', 'fields']) ?? []) as PreChatField[];
                const type = current.some((f) => f.type === 'name') ? 'text' : 'name';
                add({
                  type,
                  key: freeKey(
                    type,
                    current.map((f) => f.key),
                  ),
                  label: '',
                  required: false,
                });
              }}
              data-testid="widget-prechat-add"
              style={{ marginBottom: 16 }}
            >
              {t('widget.preChat.add')}
            </Button>
            {enabled && rows.length === 0 && (
              <div style={{ color: '#ad6800', marginBottom: 16 }}>{t('widget.preChat.noFields')}</div>
            )}
          </>
        )}
      </Form.List>
    </>
  );
}
