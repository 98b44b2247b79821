import type { Role } from '@warmdesk/protocol';
import { useTranslation } from 'react-i18next';

const ROLES: Role[] = ['agent', 'supervisor', 'admin'];

/** The roles for a Select, in the user's language. */
export function useRoleOptions() {
  const { t } = useTranslation();
  return ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }));
}
