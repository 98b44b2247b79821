import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import './i18n';
import { RoomsPage } from './RoomsPage';

const RoomForm = lazy(() => import('./RoomForm').then((m) => ({ default: m.RoomForm })));
const RoomConsole = lazy(() => import('./console/RoomConsole').then((m) => ({ default: m.RoomConsole })));

/** Live rooms under /live: the list, the room form (new, edit) and a room's console. */
export function LiveRoutes() {
  return (
    <Suspense fallback={<Spin style={{ margin: 48 }} />}>
      <Routes>
        <Route
          index
          element={
            <Main>
              <RoomsPage />
            </Main>
          }
        />
        <Route
          path="new"
          element={
            <Main>
              <RoomForm />
            </Main>
          }
        />
        <Route
          path=":id/edit"
          element={
            <Main>
              <RoomForm />
            </Main>
          }
        />
        <Route path=":id" element={<RoomConsole />} />
      </Routes>
    </Suspense>
  );
}

function Main({ children }: { children: React.ReactNode }) {
  return (
    <main style={{ flex: 1, minWidth: 0, overflow: 'auto', padding: 24 }} data-testid="live-section">
      {children}
    </main>
  );
}
