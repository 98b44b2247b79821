import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/http';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { type KbImportResult, kbKeys } from '../kb-api';

/** Import from a CSV or TSV file (header `id, question, answer, tags, enabled`), then what was created, updated, refused. */
export function ImportButton() {
  const { t } = useTranslation('kb');
  const { t: ta } = useTranslation('admin');
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: (f: File) => {
      const body = new FormData();
      body.append('file', f, f.name);
      return api<KbImportResult>('/kb/import', { method: 'POST', body });
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: kbKeys.entries }),
  });
  const close = () => {
    setOpen(false);
    setFile(null);
    upload.reset();
  };
  const result = upload.data;

  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="kb-import">
        {t('io.import.button')}
      </Button>
      <Modal
        open={open}
        title={t('io.import.title')}
        onCancel={close}
        destroyOnHidden
        footer={
          result ? (
            <Button type="primary" onClick={close}>
              {ta('common.done')}
            </Button>
          ) : (
            <>
              <Button onClick={close}>{ta('common.cancel')}</Button>
              <Button
                type="primary"
                disabled={!file}
                loading={upload.isPending}
                onClick={() => file && upload.mutate(file)}
                data-testid="kb-import-submit"
              >
                {t('io.import.submit')}
              </Button>
            </>
          )
        }
      >
        <Typography.Paragraph type="secondary">{t('io.import.help')}</Typography.Paragraph>
        {!result && (
          <Upload
            accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              upload.reset();
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'chosen', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />} data-testid="kb-import-pick">
              {t('io.import.pick')}
            </Button>
          </Upload>
        )}
        <ErrorAlert error={upload.error} />
        {result && (
          <div data-testid="kb-import-result">
            <Alert
              type={result.errors.length > 0 ? 'warning' : 'success'}
              showIcon
              title={
                <Space size={16} wrap>
                  <span data-testid="kb-import-created" data-count={result.created}>
                    {t('io.import.created', { count: result.created })}
                  </span>
                  <span data-testid="kb-import-updated" data-count={result.updated}>
                    {t('io.import.updated', { count: result.updated })}
                  </span>
                  <span data-testid="kb-import-errors" data-count={result.errors.length}>
                    {t('io.import.errors', { count: result.errors.length })}
                  </span>
                </Space>
              }
              style={{ marginBottom: 12 }}
            />
            {result.errors.length > 0 && (
              <Table
                size="small"
                rowKey={(e) => `${e.line}-${e.message}`}
                pagination={result.errors.length > 10 ? { pageSize: 10 } : false}
                dataSource={result.errors}
                columns={[
                  { title: t('io.import.line'), dataIndex: 'line', width: 80 },
                  { title: t('io.import.problem'), dataIndex: 'message' },
                ]}
              />
            )}
          </div>
        )}
      </Modal>
    </>
  );
}
