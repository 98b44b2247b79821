import { Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { hasRole, useSession } from '../auth/session';

/** Sends a visitor without a session to the login page, and back here after signing in. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { session, loading } = useSession();
  const location = useLocation();
  if (loading) return <Spin fullscreen />;
  if (!session) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}

/** The UI side of the server's role checks: a page the user's role may not see says so. */
export function RequireRole({ minRole }: { minRole: 'supervisor' | 'admin' }) {
  const { t } = useTranslation();
  const { session } = useSession();
  if (!session || !hasRole(session.user, minRole)) {
    return <Result status="403" title="403" subTitle={t('error.forbidden')} data-testid="forbidden" />;
  }
  return <Outlet />;
}
