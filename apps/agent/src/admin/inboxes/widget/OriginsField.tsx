import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ORIGIN_PATTERN } from './settings-model';

/** `https://shop.example.com/` -> `https://shop.example.com` (an origin has no path). */
const toOrigin = (value: string) => value.trim().replace(/\/+$/, '');

/** The sites allowed to embed the widget; none listed means any site. */
export function OriginsField() {
  const { t } = useTranslation('admin');
  return (
    <Form.Item
      name="allowedOrigins"
      label={t('widget.allowedOrigins')}
      extra={t('widget.allowedOriginsHelp')}
      normalize={(values: string[]) => [...new Set(values.map(toOrigin).filter(Boolean))]}
      rules={[
        {
          validator: async (_, values: string[] = []) => {
            const bad = values.filter((v) => !ORIGIN_PATTERN.test(v));
            if (bad.length) throw new Error(t('widget.originRule', { origins: bad.join(', ') }));
            if (values.length > 50) throw new Error(t('widget.tooMany', { max: 50 }));
          },
        },
      ]}
    >
      <Select
        mode="tags"
        open={false}
        suffixIcon={null}
        tokenSeparators={[',', ' ', '\n']}
        placeholder="https://shop.example.com"
        data-testid="widget-origins"
      />
    </Form.Item>
  );
}
