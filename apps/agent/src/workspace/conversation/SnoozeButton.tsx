import { ClockCircleOutlined } from '@ant-design/icons';
import { Button, DatePicker, Dropdown, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../commands';
import { type SnoozePreset, snoozeUntil } from './snooze';

const PRESETS: SnoozePreset[] = ['hour', 'tomorrow', 'nextWeek'];

/** Snooze until a preset time or one the agent picks; `s` opens the menu. */
export function SnoozeButton({ onSnooze, compact }: { onSnooze: (until: Dayjs) => void; compact: boolean }) {
  const { t } = useTranslation('workspace');
  const [menuOpen, setMenuOpen] = useState(false);
  const [customOpen, setCustomOpen] = useState(false);
  const [custom, setCustom] = useState<Dayjs | null>(null);
  useCommand((command) => {
    if (command === 'snooze') setMenuOpen(true);
  });

  return (
    <>
      <Dropdown
        open={menuOpen}
        onOpenChange={setMenuOpen}
        trigger={['click']}
        menu={{
          items: [
            ...PRESETS.map((preset) => ({
              key: preset,
              label: (
                <span data-testid={`snooze-${preset}`}>
                  {t(`snooze.${preset}`)}{' '}
                  <span style={{ color: '#8c8c8c' }}>{snoozeUntil(preset).format('MM-DD HH:mm')}</span>
                </span>
              ),
            })),
            { type: 'divider' as const },
            { key: 'custom', label: <span data-testid="snooze-custom">{t('snooze.custom')}</span> },
          ],
          onClick: ({ key }) => {
            setMenuOpen(false);
            if (key === 'custom') {
              setCustom(snoozeUntil('tomorrow'));
              setCustomOpen(true);
            } else onSnooze(snoozeUntil(key as SnoozePreset));
          },
        }}
      >
        <Button size="small" icon={<ClockCircleOutlined />} data-testid="snooze-button" title={t('actions.snooze')}>
          {compact ? null : t('actions.snooze')}
        </Button>
      </Dropdown>
      <Modal
        open={customOpen}
        title={t('snooze.customTitle')}
        onCancel={() => setCustomOpen(false)}
        okButtonProps={{ disabled: !custom || custom.isBefore(dayjs()), 'data-testid': 'snooze-custom-confirm' }}
        onOk={() => {
          if (custom) onSnooze(custom);
          setCustomOpen(false);
        }}
        destroyOnHidden
      >
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          value={custom}
          onChange={setCustom}
          disabledDate={(d) => d.isBefore(dayjs(), 'day')}
          style={{ width: '100%' }}
          data-testid="snooze-custom-picker"
        />
      </Modal>
    </>
  );
}
