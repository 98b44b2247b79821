import { Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const KEYS: [string, string][] = [
  ['j', 'next'],
  ['k', 'previous'],
  ['r', 'reply'],
  ['n', 'note'],
  ['e', 'resolve'],
  ['a', 'assignToMe'],
  ['s', 'snooze'],
  ['/', 'search'],
  ['Enter', 'send'],
  ['Shift + Enter', 'newline'],
  ['Ctrl/⌘ + Enter', 'sendAlways'],
  ['?', 'help'],
];

/** The list of keyboard shortcuts (opened with ?). */
export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('workspace');
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('shortcuts.title')} width={420} destroyOnHidden>
      <div data-testid="shortcuts-help" style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '8px 16px' }}>
        {KEYS.map(([key, action]) => (
          <div key={key} style={{ display: 'contents' }}>
            <Typography.Text keyboard style={{ justifySelf: 'start' }}>
              {key}
            </Typography.Text>
            <span>{t(`shortcuts.${action}`)}</span>
          </div>
        ))}
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
        {t('shortcuts.hint')}
      </Typography.Paragraph>
    </Modal>
  );
}
