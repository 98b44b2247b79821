import { useEffect, useRef } from 'react';

/** Keyboard shortcuts of the workspace, sent to whichever part of the screen handles them. */
export type WorkspaceCommand = 'reply' | 'note' | 'resolve' | 'assignToMe' | 'snooze' | 'search';

const bus = new EventTarget();

export function sendCommand(command: WorkspaceCommand): void {
  bus.dispatchEvent(new CustomEvent<WorkspaceCommand>('command', { detail: command }));
}

export function useCommand(handler: (command: WorkspaceCommand) => void): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const listener = (e: Event) => ref.current((e as CustomEvent<WorkspaceCommand>).detail);
    bus.addEventListener('command', listener);
    return () => bus.removeEventListener('command', listener);
  }, []);
}
