import type { CannedResponse, User } from '@warmdesk/protocol';

const MAX = 8;

/** `/code…` at the start of the text: the canned responses whose short code matches, prefix matches first. */
export function cannedMatches(text: string, canned: CannedResponse[]): CannedResponse[] | null {
  const m = /^\/(\S*)$/.exec(text);
  if (!m) return null;
  const q = (m[1] ?? '').toLowerCase();
  const prefix = canned.filter((c) => c.shortCode.toLowerCase().startsWith(q));
  const inside = canned.filter(
    (c) =>
      !prefix.includes(c) &&
      (c.shortCode.toLowerCase().includes(q) || (q.length > 1 && c.content.toLowerCase().includes(q))),
  );
  return [...prefix, ...inside].slice(0, MAX);
}

/** `@name` being typed just before the caret: its start and the text after the `@`. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|\s)@([^\s@]{0,30})$/.exec(before);
  if (!m) return null;
  const query = m[2] ?? '';
  return { start: caret - query.length - 1, query };
}

export function mentionMatches(query: string, users: User[], meId: string): User[] {
  const q = query.toLowerCase();
  return users
    .filter((u) => u.active && !u.invited && u.id !== meId)
    .filter((u) => !q || u.name.toLowerCase().includes(q) || u.email.toLowerCase().startsWith(q))
    .slice(0, MAX);
}

/** The ids of the colleagues whose `@Name` is still in the text when it is sent. */
export function mentionedIds(text: string, picked: Map<string, string>): string[] {
  return [...picked].filter(([name]) => text.includes(`@${name}`)).map(([, id]) => id);
}
