import { Button } from 'antd';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export type AdminSection = { key: string; icon: ReactNode };

/** The admin sections as one row that scrolls sideways on a phone (nothing folds away into a "more" menu). */
export function PhoneNav(props: { sections: AdminSection[]; selected: string; onSelect: (key: string) => void }) {
  const { t } = useTranslation('admin');
  const nav = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!props.selected) return;
    nav.current?.querySelector('[aria-current="page"]')?.scrollIntoView({ block: 'nearest', inline: 'center' });
  }, [props.selected]);
  return (
    <nav
      ref={nav}
      aria-label={t('nav.label')}
      style={{
        display: 'flex',
        gap: 4,
        overflowX: 'auto',
        padding: '8px 12px',
        borderBottom: '1px solid #f0f0f0',
        background: '#fff',
        flex: 'none',
      }}
    >
      {props.sections.map((s) => (
        <Button
          key={s.key}
          size="small"
          type={s.key === props.selected ? 'primary' : 'text'}
          icon={s.icon}
          onClick={() => props.onSelect(s.key)}
          data-testid={`admin-nav-${s.key}`}
          aria-current={s.key === props.selected ? 'page' : undefined}
          style={{ flex: 'none' }}
        >
          {t(`nav.${s.key}`)}
        </Button>
      ))}
    </nav>
  );
}
