import { type RefObject, useEffect, useRef } from 'react';
import { sendCommand, type WorkspaceCommand } from '../commands';

const COMMANDS: Record<string, WorkspaceCommand> = {
  r: 'reply',
  n: 'note',
  e: 'resolve',
  a: 'assignToMe',
  s: 'snooze',
  '/': 'search',
};

/** Typing in a field, or working in a dialog or menu: the keys are theirs. */
function keysTaken(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return Boolean(target.closest('.ant-modal, .ant-drawer, .ant-popover, .ant-dropdown, .ant-select-dropdown'));
}

type Options = {
  order: RefObject<string[]>;
  currentId: string | undefined;
  open: (id: string) => void;
  showHelp: () => void;
};

/** j/k move through the list, letters run actions on the open conversation, ? shows the list of shortcuts. */
export function useShortcuts(options: Options): void {
  const latest = useRef(options);
  latest.current = options;
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (keysTaken(e.target)) return;
      const { order, currentId, open, showHelp } = latest.current;
      if (e.key === '?') {
        e.preventDefault();
        showHelp();
        return;
      }
      if (e.key === 'j' || e.key === 'k') {
        const ids = order.current;
        if (ids.length === 0) return;
        const at = currentId ? ids.indexOf(currentId) : -1;
        const next = e.key === 'j' ? Math.min(ids.length - 1, at + 1) : Math.max(0, at < 0 ? 0 : at - 1);
        const id = ids[next];
        if (id && id !== currentId) {
          e.preventDefault();
          open(id);
        }
        return;
      }
      const command = COMMANDS[e.key];
      if (command) {
        e.preventDefault();
        sendCommand(command);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
