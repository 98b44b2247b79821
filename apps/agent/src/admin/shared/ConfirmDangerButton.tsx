import { Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';

type Props = {
  /** The button's text and the confirm button's (delete, revoke, deactivate…). */
  label: string;
  title: string;
  description?: string;
  onConfirm: () => Promise<unknown>;
  testId: string;
};

/** A red link button in a table row that asks before it destroys something. */
export function ConfirmDangerButton({ label, title, description, onConfirm, testId }: Props) {
  const { t } = useTranslation('admin');
  return (
    <Popconfirm
      title={title}
      description={description}
      onConfirm={onConfirm}
      okText={label}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
    >
      <Button type="link" size="small" danger data-testid={testId}>
        {label}
      </Button>
    </Popconfirm>
  );
}
