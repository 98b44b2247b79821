import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';

const exportUrl = (format: 'csv' | 'tsv') => `/api/v1/kb/export?format=${format}`;

/** Downloads the whole knowledge base as CSV or TSV (the session cookie goes with a plain link). */
export function ExportButtons() {
  const { t } = useTranslation('kb');
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: (['csv', 'tsv'] as const).map((format) => ({
          key: format,
          label: (
            <a href={exportUrl(format)} download data-testid={`kb-export-${format}`}>
              {t(`io.export.${format}`)}
            </a>
          ),
        })),
      }}
    >
      <Button icon={<DownloadOutlined />} data-testid="kb-export">
        {t('io.export.button')}
      </Button>
    </Dropdown>
  );
}
