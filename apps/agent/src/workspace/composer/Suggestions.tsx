import type { ReactNode } from 'react';

export type Suggestion = { key: string; primary: ReactNode; secondary?: ReactNode; attrs: Record<string, string> };

type Props = {
  items: Suggestion[];
  active: number;
  testId: string;
  itemTestId: string;
  onPick: (index: number) => void;
};

/** The popup above the composer for canned responses and @mentions (arrow keys move, Enter or Tab picks). */
export function Suggestions({ items, active, testId, itemTestId, onPick }: Props) {
  return (
    <div className="wd-suggestions" data-testid={testId} role="listbox">
      {items.map((item, i) => (
        <div
          key={item.key}
          role="option"
          aria-selected={i === active}
          tabIndex={-1}
          className={`wd-suggestion${i === active ? ' wd-suggestion-active' : ''}`}
          data-testid={itemTestId}
          {...item.attrs}
          // mousedown, not click: the textarea keeps its focus and caret
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(i);
          }}
        >
          <strong>{item.primary}</strong>
          {item.secondary && <span style={{ color: '#8c8c8c', marginInlineStart: 8 }}>{item.secondary}</span>}
        </div>
      ))}
    </div>
  );
}
