import { useEffect, useRef } from 'react';

/** Overlays that own Escape while they are on screen (tooltips are left out: they never should). */
const OVERLAYS = '.ant-modal-wrap, .ant-select-dropdown, .ant-dropdown, .ant-picker-dropdown, .ant-popover';

/**
 * Escape closes the phone's customer drawer. antd only lets the topmost popup answer Escape, and a tooltip left
 * open by the tap that opened the drawer (there is no hover on a phone to close it) would otherwise take it.
 */
export function useEscapeToClose(active: boolean, close: () => void): void {
  const latest = useRef(close);
  latest.current = close;
  useEffect(() => {
    if (!active) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.isComposing) return;
      const overlayOpen = [...document.querySelectorAll(OVERLAYS)].some((el) => el.getClientRects().length > 0);
      if (!overlayOpen) latest.current();
    };
    // Capture: look before antd's own Escape handling closes (and unmounts) a dialog on top of the drawer.
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [active]);
}
