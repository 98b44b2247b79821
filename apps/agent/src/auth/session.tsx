import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionInfo, User } from '@warmdesk/protocol';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import { ApiError, api, setCsrfToken, setUnauthorizedHandler } from '../api/http';
import { closeAgentSocket } from '../api/socket';
import { applyUserLanguage, storedLanguage } from '../i18n';

export const SESSION_KEY = ['session'] as const;

type SessionValue = {
  session: SessionInfo | null;
  loading: boolean;
  login: (email: string, password: string) => Promise<SessionInfo>;
  logout: () => Promise<void>;
  /** Replaces the signed-in user after they changed their profile, status or language. */
  setUser: (user: User) => void;
};

const SessionContext = createContext<SessionValue | null>(null);

async function fetchSession(): Promise<SessionInfo | null> {
  try {
    return await api<SessionInfo>('/auth/me');
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

/** The signed-in agent (from the session cookie, so it survives reloads) and login/logout. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Number.POSITIVE_INFINITY });
  const session = query.data ?? null;

  useEffect(() => {
    if (!session) return;
    setCsrfToken(session.csrfToken);
    applyUserLanguage(session.user.locale ?? null, session.account.locale);
    // A language picked on the login page becomes the user's setting, so their other devices follow it.
    const picked = storedLanguage();
    if (!session.user.locale && picked) {
      api<User>(`/users/${session.user.id}`, { method: 'PATCH', body: { locale: picked } })
        .then((user) =>
          queryClient.setQueryData<SessionInfo | null>(SESSION_KEY, (old) => (old ? { ...old, user } : old)),
        )
        .catch(() => {});
    }
  }, [session, queryClient]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      closeAgentSocket();
      queryClient.setQueryData(SESSION_KEY, null);
    });
  }, [queryClient]);

  const login = useCallback(
    async (email: string, password: string) => {
      const info = await api<SessionInfo>('/auth/login', { method: 'POST', body: { email, password } });
      setCsrfToken(info.csrfToken);
      queryClient.setQueryData(SESSION_KEY, info);
      return info;
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    try {
      await api('/auth/logout', { method: 'POST' });
    } finally {
      closeAgentSocket();
      setCsrfToken('');
      queryClient.clear();
      queryClient.setQueryData(SESSION_KEY, null);
    }
  }, [queryClient]);

  const setUser = useCallback(
    (user: User) => {
      queryClient.setQueryData<SessionInfo | null>(SESSION_KEY, (old) => (old ? { ...old, user } : old));
    },
    [queryClient],
  );

  const value = useMemo(
    () => ({ session, loading: query.isPending, login, logout, setUser }),
    [session, query.isPending, login, logout, setUser],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in agent; only for components rendered behind `RequireAuth`. */
export function useCurrentUser(): User {
  const { session } = useSession();
  if (!session) throw new Error('useCurrentUser without a session');
  return session.user;
}

const RANK = { agent: 0, supervisor: 1, admin: 2 } as const;
export const hasRole = (user: Pick<User, 'role'>, role: keyof typeof RANK) => RANK[user.role] >= RANK[role];
