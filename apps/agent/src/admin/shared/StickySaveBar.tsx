import { Button, Space } from 'antd';

/** The save and reset buttons of a long settings form, kept in view at the bottom while it scrolls. */
export function StickySaveBar(p: {
  saving: boolean;
  onReset: () => void;
  saveLabel: string;
  resetLabel: string;
  saveTestId: string;
}) {
  return (
    <div
      style={{
        position: 'sticky',
        bottom: 0,
        zIndex: 2,
        padding: '12px 0',
        background: '#fff',
        borderTop: '1px solid #f0f0f0',
      }}
    >
      <Space>
        <Button type="primary" htmlType="submit" loading={p.saving} data-testid={p.saveTestId}>
          {p.saveLabel}
        </Button>
        <Button onClick={p.onReset} disabled={p.saving}>
          {p.resetLabel}
        </Button>
      </Space>
    </div>
  );
}
