import { Form, Input, Radio, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { ColorField } from './ColorField';
import { HEX_COLOR } from './settings-model';

/** How the widget looks and speaks: colour, side, title, greeting, logo, language, sound and ratings. */
export function AppearanceFields() {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  return (
    <>
      <Form.Item
        name="color"
        label={t('widget.color')}
        rules={[{ required: true, pattern: HEX_COLOR, message: t('widget.colorRule') }]}
      >
        <ColorField testId="widget-color" />
      </Form.Item>
      <Form.Item name="position" label={t('widget.position')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'left', label: t('widget.left') },
            { value: 'right', label: t('widget.right') },
          ]}
        />
      </Form.Item>
      <Form.Item name="title" label={t('widget.title')} extra={t('widget.titleHelp')} rules={[{ max: 500 }]}>
        <Input data-testid="widget-title" />
      </Form.Item>
      <Form.Item name="greeting" label={t('widget.greeting')} extra={t('widget.greetingHelp')} rules={[{ max: 500 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} data-testid="widget-greeting" />
      </Form.Item>
      <Form.Item
        name="logoUrl"
        label={t('widget.logoUrl')}
        extra={t('widget.logoUrlHelp')}
        rules={[{ type: 'url', message: t('widget.urlRule') }, { max: 500 }]}
      >
        <Input placeholder="https://…/logo.png" data-testid="widget-logo" />
      </Form.Item>
      <Form.Item name="locale" label={t('widget.locale')}>
        <Select
          options={[
            { value: 'auto', label: t('widget.localeAuto') },
            { value: 'zh-CN', label: tc('language.zh-CN') },
            { value: 'en', label: tc('language.en') },
          ]}
          data-testid="widget-locale"
        />
      </Form.Item>
      <Form.Item name="sound" label={t('widget.sound')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="csat" label={t('widget.csat')} extra={t('widget.csatHelp')} valuePropName="checked">
        <Switch data-testid="widget-csat" />
      </Form.Item>
    </>
  );
}
