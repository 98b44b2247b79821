import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Code to copy into another system, with a copy button. */
export function CodeBlock({ code, testId }: { code: string; testId?: string }) {
  const { t } = useTranslation('admin');
  return (
    <div style={{ position: 'relative' }}>
      <pre
        data-testid={testId}
        style={{
          margin: 0,
          padding: '12px 44px 12px 14px',
          background: '#1c2024',
          color: '#e6edf3',
          borderRadius: 8,
          fontSize: 12.5,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {code}
      </pre>
      <Typography.Text
        copyable={{ text: code, tooltips: [t('common.copy'), t('common.copied')] }}
        style={{ position: 'absolute', top: 8, right: 10, color: '#fff' }}
        data-testid={testId ? `${testId}-copy` : undefined}
      />
    </div>
  );
}
