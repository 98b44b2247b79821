import { Table, type TableProps } from 'antd';

/** A console table: keyed by id, scrolls sideways on narrow screens, pages only when long. */
export function AdminTable<T extends { id: string }>({ testId, ...props }: TableProps<T> & { testId: string }) {
  const count = props.dataSource?.length ?? 0;
  return (
    <div data-testid={testId}>
      <Table<T>
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        pagination={count > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        {...props}
      />
    </div>
  );
}
