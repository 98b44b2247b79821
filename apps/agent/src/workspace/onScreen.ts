/** The conversation open in this tab, so live events for it neither count as unread nor ring. */
let current: string | null = null;

export function setOnScreen(conversationId: string | null): void {
  current = conversationId;
}

/** Open here and the tab is visible. */
export const isOnScreen = (conversationId: string) =>
  current === conversationId && document.visibilityState === 'visible';
