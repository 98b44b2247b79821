import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import './i18n';
import './app/global.css';
import { router } from './app/router';
import { registerServiceWorker } from './app/service-worker';
import { ThemedApp } from './app/ThemedApp';
import { SessionProvider } from './auth/session';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 30_000 } },
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <ThemedApp>
            <RouterProvider router={router} />
          </ThemedApp>
        </SessionProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}
registerServiceWorker();
