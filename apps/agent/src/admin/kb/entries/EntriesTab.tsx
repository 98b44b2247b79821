import { DislikeOutlined, LikeOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { KbEntry } from '@warmdesk/protocol';
import { Button, Input, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../../api/http';
import { describeError } from '../../shared/api-errors';
import { ConfirmDangerButton } from '../../shared/ConfirmDangerButton';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formatTime } from '../../shared/format';
import { useNotify } from '../../shared/useNotify';
import { ExportButtons } from '../import/ExportButtons';
import { ImportButton } from '../import/ImportButton';
import { kbKeys, PAGE_SIZE, titleOf, useCanEditKb, useKbList, useKbTags } from '../kb-api';

/** The entries: searched on the server, filtered by tag, with how often each answered and how customers rated it. */
export function EntriesTab() {
  const { t } = useTranslation('kb');
  const { t: ta } = useTranslation('admin');
  const canEdit = useCanEditKb();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const tag = params.get('tag') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useKbList(q, tag, page);
  const tags = useKbTags();
  const setFilter = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries({ page: '', ...patch })) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const refresh = () => void queryClient.invalidateQueries({ queryKey: kbKeys.entries });

  const toggle = useMutation({
    mutationFn: (v: { id: string; enabled: boolean }) =>
      api<KbEntry>(`/kb/entries/${v.id}`, { method: 'PATCH', body: { enabled: v.enabled } }),
    onSuccess: (entry) => {
      queryClient.setQueryData(kbKeys.entry(entry.id), entry);
      refresh();
      notify.done();
    },
    onError: notify.failed,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api<void>(`/kb/entries/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      refresh();
      notify.done(ta('common.deleted'));
    },
    onError: notify.failed,
  });

  const columns: ColumnsType<KbEntry> = [
    {
      title: t('fields.question'),
      key: 'title',
      render: (_, e) => (
        <div style={{ maxWidth: 420 }}>
          <Link to={`/kb/entries/${e.id}`} data-testid="kb-entry-title" data-entry-id={e.id}>
            {titleOf(e)}
          </Link>
          {e.questions.length > 1 && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('list.variants', { count: e.questions.length - 1 })}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('fields.tags'),
      dataIndex: 'tags',
      render: (list: string[]) => list.map((x) => <Tag key={x}>{x}</Tag>),
    },
    {
      title: t('list.hits'),
      dataIndex: 'hits',
      align: 'right',
      render: (hits: number) => <span data-testid="kb-entry-hits">{hits}</span>,
    },
    {
      title: t('list.feedback'),
      key: 'feedback',
      render: (_, e) => (
        <Space size={12}>
          <Tooltip title={t('list.helpfulCount', { count: e.helpful })}>
            <span>
              <LikeOutlined aria-label={t('list.helpful')} /> {e.helpful}
            </span>
          </Tooltip>
          <Tooltip title={t('list.unhelpfulCount', { count: e.unhelpful })}>
            <span>
              <DislikeOutlined aria-label={t('list.unhelpful')} /> {e.unhelpful}
            </span>
          </Tooltip>
        </Space>
      ),
    },
    {
      title: t('fields.enabled'),
      dataIndex: 'enabled',
      render: (enabled: boolean, e) => (
        <Switch
          size="small"
          checked={enabled}
          disabled={!canEdit}
          loading={toggle.isPending && toggle.variables?.id === e.id}
          onChange={(checked) => toggle.mutate({ id: e.id, enabled: checked })}
          aria-label={t('list.enabledFor', { title: titleOf(e) })}
          data-testid="kb-entry-enabled"
        />
      ),
    },
    { title: t('list.updated'), dataIndex: 'updatedAt', render: formatTime },
    {
      title: ta('common.actions'),
      key: 'actions',
      render: (_, e) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => navigate(`/kb/entries/${e.id}`)} data-testid="kb-entry-edit">
            {canEdit ? ta('common.edit') : t('list.view')}
          </Button>
          {canEdit && (
            <ConfirmDangerButton
              label={ta('common.delete')}
              title={t('editor.confirmDelete', { title: titleOf(e) })}
              onConfirm={() => remove.mutateAsync(e.id)}
              testId="kb-entry-delete"
            />
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
        <Input.Search
          allowClear
          defaultValue={q}
          placeholder={t('list.search')}
          aria-label={t('list.search')}
          onSearch={(value) => setFilter({ q: value.trim() })}
          style={{ width: 260 }}
          data-testid="kb-search"
        />
        <Select
          allowClear
          showSearch
          value={tag || undefined}
          placeholder={t('list.allTags')}
          aria-label={t('list.tagFilter')}
          options={(tags.data ?? []).map((x) => ({ value: x, label: x }))}
          onChange={(value?: string) => setFilter({ tag: value ?? '' })}
          style={{ width: 180 }}
          data-testid="kb-tag-filter"
        />
        <div style={{ flex: 1 }} />
        <ExportButtons />
        {canEdit && <ImportButton />}
        {canEdit && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('/kb/entries/new')}
            data-testid="kb-new"
          >
            {t('list.new')}
          </Button>
        )}
      </div>
      <ErrorAlert error={list.error} />
      <div data-testid="kb-table">
        <Table<KbEntry>
          rowKey="id"
          size="middle"
          scroll={{ x: 'max-content' }}
          columns={columns}
          dataSource={list.data?.entries ?? []}
          loading={list.isFetching}
          locale={{
            emptyText: list.error ? describeError(list.error, ta) : q || tag ? t('list.noMatch') : t('list.empty'),
          }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: (p) => setFilter({ q, tag, page: p > 1 ? String(p) : '' }),
          }}
        />
      </div>
    </>
  );
}
