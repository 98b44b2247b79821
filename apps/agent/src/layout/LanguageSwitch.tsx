import { GlobalOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language, setLanguage } from '../i18n';

/** zh-CN / en; `onChange` lets a signed-in user also save it to their profile. */
export function LanguageSwitch({ onChange }: { onChange?: (lng: Language) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Select<Language>
      size="small"
      value={i18n.language as Language}
      onChange={(lng) => {
        setLanguage(lng);
        onChange?.(lng);
      }}
      prefix={<GlobalOutlined />}
      aria-label={t('nav.language')}
      data-testid="language-switch"
      options={LANGUAGES.map((lng) => ({ value: lng, label: t(`language.${lng}`) }))}
      popupMatchSelectWidth={false}
    />
  );
}
