import type { CurrentUser, LoginResponse } from '@crm/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, api, onUnauthorized, setCsrfToken } from './api/client';

type AuthContextValue = {
  user: CurrentUser | null;
  /** True until the first `GET /api/auth/me` has answered. */
  loading: boolean;
  can(permission: string): boolean;
  login(username: string, password: string): Promise<CurrentUser>;
  logout(): Promise<void>;
};

const AuthContext = createContext<AuthContextValue | null>(null);

/**
 * `onSignedIn`: called once when the first `GET /api/auth/me` finds a session (the app starts the opening page's
 * queries then, before the page mounts).
 */
export function AuthProvider({ children, onSignedIn }: { children: ReactNode; onSignedIn?: () => void }) {
  const queryClient = useQueryClient();
  const [user, setUser] = useState<CurrentUser | null>(null);
  const [loading, setLoading] = useState(true);

  const accept = useCallback((res: LoginResponse) => {
    setCsrfToken(res.csrfToken);
    setUser(res.user);
    return res.user;
  }, []);

  useEffect(() => {
    let cancelled = false;
    api
      .get<LoginResponse>('/api/auth/me')
      .then((res) => {
        if (cancelled) return;
        onSignedIn?.();
        accept(res);
      })
      .catch((err: unknown) => {
        if (!(err instanceof ApiError) || err.status !== 401) console.error(err);
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [accept, onSignedIn]);

  useEffect(() => {
    // A 401 on any later call means the session ended: forget the user; the route guard shows /login.
    onUnauthorized(() => {
      setUser(null);
      queryClient.clear();
    });
    return () => onUnauthorized(null);
  }, [queryClient]);

  const login = useCallback(
    async (username: string, password: string) => {
      queryClient.clear();
      return accept(await api.post<LoginResponse>('/api/auth/login', { username, password }));
    },
    [accept, queryClient],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      setCsrfToken(null);
      setUser(null);
      queryClient.clear();
    }
  }, [queryClient]);

  const value = useMemo<AuthContextValue>(() => {
    const permissions = new Set(user?.permissions ?? []);
    return { user, loading, can: (p: string) => permissions.has(p), login, logout };
  }, [user, loading, login, logout]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}
