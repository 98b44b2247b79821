import type { Inbox, Team, User } from '@warmdesk/protocol';
import { useTranslation } from 'react-i18next';

/** "User · Alice" for an audit entry's target, from the lists already loaded; the id when the name is unknown. */
export function useTargetName(users: User[] | undefined, teams: Team[] | undefined, inboxes: Inbox[] | undefined) {
  const { t } = useTranslation('admin');
  return (type: string, id: string | null): string => {
    const kind = t(`audit.targets.${type}`, { defaultValue: type });
    if (!id) return kind;
    const list: { id: string; name: string }[] | undefined =
      type === 'user' ? users : type === 'team' ? teams : type === 'inbox' ? inboxes : undefined;
    const name = list?.find((x) => x.id === id)?.name;
    return `${kind} · ${name ?? id.slice(0, 8)}`;
  };
}
