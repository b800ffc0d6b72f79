import type { ImportEntity, ImportError, ImportRun } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { ApiError, api, buildUrl } from '../../api/client';

export type Page<T> = { items: T[]; total: number };

/** The session's CSRF token (GET /api/auth/me answers it), for the multipart upload that bypasses `api`. */
async function csrfToken(): Promise<string> {
  return (await api.get<{ csrfToken: string }>('/api/auth/me')).csrfToken;
}

/** Uploads a file as multipart/form-data (streamed to disk by the server); answers the new import run. */
export async function uploadImportFile(entity: ImportEntity, file: File): Promise<ImportRun> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch(buildUrl('/api/imports', { entity }), {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'x-csrf-token': await csrfToken() },
  });
  const body = await res.json().catch(() => undefined);
  if (!res.ok) {
    const e = body?.error;
    throw new ApiError(res.status, e?.code ?? `http.${res.status}`, e?.message ?? res.statusText, e?.details);
  }
  return body as ImportRun;
}

export const startDryRun = (id: number, body: { encoding: string; mapping: Record<string, string | null> }) =>
  api.post<ImportRun>(`/api/imports/${id}/dry-run`, body);
export const startCommit = (id: number) => api.post<ImportRun>(`/api/imports/${id}/commit`);
export const listImportErrors = (id: number, query: { limit: number; offset: number }) =>
  api.get<Page<ImportError>>(`/api/imports/${id}/errors`, query);
export const listImports = (query: Record<string, unknown>) => api.get<Page<ImportRun>>('/api/imports', query);

const BUSY = new Set(['validating', 'committing']);

/** One import run, polled every second while its job runs (live progress). */
export function useImportRun(id: number | undefined) {
  return useQuery({
    queryKey: ['imports', id],
    queryFn: () => api.get<ImportRun>(`/api/imports/${id}`),
    enabled: Boolean(id),
    refetchInterval: (q) => (q.state.data && BUSY.has(q.state.data.status) ? 1000 : false),
  });
}

export const templateUrl = (entity: ImportEntity, format: 'xlsx' | 'csv', lang: 'zh' | 'en') =>
  buildUrl(`/api/imports/templates/${entity}`, { format, lang });
export const errorReportUrl = (id: number, lang: 'zh' | 'en') => buildUrl(`/api/imports/${id}/errors.csv`, { lang });
