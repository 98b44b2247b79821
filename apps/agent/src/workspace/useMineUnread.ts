export function useMineUnread(): number {
  return 0;
}
