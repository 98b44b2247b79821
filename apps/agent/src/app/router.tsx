import { Spin } from 'antd';
import { createBrowserRouter, Navigate } from 'react-router';
import { AppLayout } from '../layout/AppLayout';
import { RequireAuth, RequireRole } from './guards';
import { RouteError } from './RouteError';

/** Shown while the first screen's chunk loads. */
const booting = <Spin fullscreen />;

/** Every screen but the shell is its own chunk, loaded when its route is first opened. */
export const router = createBrowserRouter(
  [
    {
      path: '/login',
      hydrateFallbackElement: booting,
      lazy: () => import('../pages/LoginPage').then((m) => ({ Component: m.LoginPage })),
    },
    {
      path: '/accept-invite',
      hydrateFallbackElement: booting,
      lazy: () => import('../pages/AcceptInvitePage').then((m) => ({ Component: m.AcceptInvitePage })),
    },
    {
      path: '/',
      hydrateFallbackElement: booting,
      element: (
        <RequireAuth>
          <AppLayout />
        </RequireAuth>
      ),
      errorElement: <RouteError />,
      children: [
        { index: true, element: <Navigate to="/conversations" replace /> },
        {
          path: 'conversations/*',
          lazy: () => import('../workspace/WorkspacePage').then((m) => ({ Component: m.WorkspacePage })),
        },
        { path: 'profile', lazy: () => import('../pages/ProfilePage').then((m) => ({ Component: m.ProfilePage })) },
        { path: 'queue', lazy: () => import('../workspace/QueuePage').then((m) => ({ Component: m.QueuePage })) },
        { path: 'live/*', lazy: () => import('../live/LiveRoutes').then((m) => ({ Component: m.LiveRoutes })) },
        { path: 'kb/*', lazy: () => import('../admin/kb/KbRoutes').then((m) => ({ Component: m.KbRoutes })) },
        {
          path: 'admin/*',
          element: <RequireRole minRole="admin" />,
          children: [
            { path: '*', lazy: () => import('../admin/AdminRoutes').then((m) => ({ Component: m.AdminRoutes })) },
          ],
        },
        { path: '*', lazy: () => import('./NotFound').then((m) => ({ Component: m.NotFound })) },
      ],
    },
  ],
  { basename: '/app' },
);
