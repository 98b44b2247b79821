import { useVirtualizer } from '@tanstack/react-virtual';
import { Button, Empty, Result, Spin } from 'antd';
import { type RefObject, useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListQuery } from '../filters';
import { ConversationRow, ROW_HEIGHT } from './ConversationRow';
import { useConversationList } from './useConversationList';

type Props = {
  query: ListQuery;
  selectedId: string | undefined;
  onOpen: (id: string) => void;
  /** The ids in list order, for j/k. */
  orderRef: RefObject<string[]>;
};

/** The conversations of one list, virtualised (only the visible rows are in the DOM) and paged while scrolling. */
export function ConversationList({ query, selectedId, onOpen, orderRef }: Props) {
  const { t } = useTranslation('workspace');
  const list = useConversationList(query);
  const { items, hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const scrollRef = useRef<HTMLDivElement>(null);

  orderRef.current = items.map((i) => i.id);

  const virtualizer = useVirtualizer({
    count: items.length + (hasNextPage ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => items[index]?.id ?? 'loader',
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems[virtualItems.length - 1]?.index ?? 0;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= items.length - 10) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, lastIndex, items.length, fetchNextPage]);

  // Keep the open conversation in view when it is chosen with j/k.
  const selectedIndex = selectedId ? items.findIndex((i) => i.id === selectedId) : -1;
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const open = useCallback((id: string) => onOpen(id), [onOpen]);

  if (list.isError) {
    return (
      <Result
        status="warning"
        subTitle={t('list.loadFailed')}
        extra={<Button onClick={() => void list.refetch()}>{t('list.retry')}</Button>}
      />
    );
  }

  return (
    <div ref={scrollRef} data-testid="conversation-list" data-count={items.length} className="wd-conv-list">
      {list.isPending ? (
        <div style={{ padding: 32, textAlign: 'center' }}>
          <Spin />
        </div>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('list.empty')} style={{ marginTop: 48 }} />
      ) : (
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualItems.map((row) => {
            const item = items[row.index];
            return (
              <div
                key={row.key}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${row.start}px)` }}
              >
                {item ? (
                  <ConversationRow
                    item={item}
                    selected={item.id === selectedId}
                    showStatus={!query.status}
                    onOpen={open}
                  />
                ) : (
                  <div style={{ height: ROW_HEIGHT, display: 'grid', placeItems: 'center' }}>
                    <Spin size="small" />
                  </div>
                )}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
