import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, Spin } from 'antd';
import type { ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { ApiError } from './api/client';
import { AuthProvider, useAuth } from './auth';
import { allFeatureRoutes, prefetchPageDataAt, preloadPageAt } from './features';
import { I18nProvider } from './i18n';
import { AppLayout } from './layout/AppLayout';
import { LoginPage } from './pages/LoginPage';
import { ForbiddenPage, NotFoundPage } from './pages/ResultPages';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // 4xx answers will not change on retry.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});

if (typeof window !== 'undefined') preloadPageAt(window.location.pathname);
const prefetchOpeningPage = () => prefetchPageDataAt(window.location.pathname, queryClient);

function FullPageSpin() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
      <Spin size="large" />
    </div>
  );
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loading } = useAuth();
  const location = useLocation();
  if (loading) return <FullPageSpin />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

function RequirePermission({ permission, children }: { permission?: string; children: ReactNode }) {
  const { can } = useAuth();
  if (permission && !can(permission)) return <ForbiddenPage />;
  return <>{children}</>;
}

/** Each role starts where its daily work is: AMs and managers on the workbench, agents at the hotline screen. */
const homeByRole: Record<string, string> = {
  account_manager: '/workbench',
  manager: '/workbench',
  agent: '/service-desk/hotline',
  back_office: '/service-desk/work-orders',
  admin: '/home/admin',
  marketing: '/home/marketing',
};

function HomeRedirect() {
  const { user } = useAuth();
  return <Navigate to={(user && homeByRole[user.role]) || '/customers'} replace />;
}

function LoginRoute() {
  const { loading } = useAuth();
  return loading ? <FullPageSpin /> : <LoginPage />;
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AntdApp>
          <BrowserRouter>
            <AuthProvider onSignedIn={prefetchOpeningPage}>
              <Routes>
                <Route path="/login" element={<LoginRoute />} />
                <Route
                  element={
                    <RequireAuth>
                      <AppLayout />
                    </RequireAuth>
                  }
                >
                  <Route index element={<HomeRedirect />} />
                  {allFeatureRoutes.map((r) => (
                    <Route
                      key={r.path}
                      path={r.path}
                      element={<RequirePermission permission={r.permission}>{r.element}</RequirePermission>}
                    />
                  ))}
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </AuthProvider>
          </BrowserRouter>
        </AntdApp>
      </I18nProvider>
    </QueryClientProvider>
  );
}
