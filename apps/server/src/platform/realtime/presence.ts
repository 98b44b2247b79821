/**
 * Which agents have a socket open in this process, per account: the quick local answer. Across processes,
 * routing keeps the shared `agent_presence` table (modules/routing/presence-store.ts).
 */
export class AgentPresence {
  private readonly accounts = new Map<string, Map<string, number>>();

  connected(accountId: string, userId: string): void {
    const users = this.accounts.get(accountId) ?? new Map<string, number>();
    users.set(userId, (users.get(userId) ?? 0) + 1);
    this.accounts.set(accountId, users);
  }

  disconnected(accountId: string, userId: string): void {
    const users = this.accounts.get(accountId);
    const count = users?.get(userId) ?? 0;
    if (!users || count <= 1) {
      users?.delete(userId);
      if (users && users.size === 0) this.accounts.delete(accountId);
      return;
    }
    users.set(userId, count - 1);
  }

  /** Users of the account with at least one open agent socket. */
  connectedUsers(accountId: string): string[] {
    return [...(this.accounts.get(accountId)?.keys() ?? [])];
  }
}
