/** A conversation's route, keeping the list's filters when the list is on screen. */
export function conversationPath(conversationId: string): string {
  const inList = window.location.pathname.startsWith('/app/conversations');
  return `/conversations/${conversationId}${inList ? window.location.search : ''}`;
}

export const snippet = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
