import type {
  ApprovalLimit,
  ApprovalLimitInput,
  CallerCard,
  Commitment,
  Hotspots,
  KbArticle,
  Notification,
  QueuedCall,
  SlaAttainment,
  SlaPolicy,
  TicketDetail,
  TicketSummary,
  WorkOrder,
} from '@crm/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client';
import { useLocale } from '../../i18n';

export type Page<T> = { items: T[]; total: number };
export type Department = { id: number; code: string; name: string; nameEn: string | null };
export type TicketCategory = { id: number; parentId: number | null; code: string; nameZh: string; nameEn: string };
export type Workload = {
  ownerId: number;
  ownerName: string;
  open: number;
  pending: number;
  breached: number;
  dueToday: number;
}[];
export type Holiday = { date: string; kind: 'holiday' | 'workday'; name: string };
export type SlaCalendar = {
  id: number;
  code: string;
  name: string;
  kind: '24x7' | 'business';
  workStart: string;
  workEnd: string;
};

const base = '/api/service-desk';

export const sd = {
  caller: (phone: string) => api.get<CallerCard>(`${base}/caller`, { phone }),
  register: (body: unknown) => api.post<CallerCard>(`${base}/callers`, body),
  queue: () => api.get<QueuedCall[]>(`${base}/queue`),
  arrive: (body: unknown) => api.post<QueuedCall>(`${base}/queue`, body),
  answerNext: () => api.post<{ call: QueuedCall; card: CallerCard } | null>(`${base}/queue/next`),
  tickets: (query: Record<string, unknown>) => api.get<Page<TicketSummary>>(`${base}/tickets`, query),
  ticket: (id: number) => api.get<TicketDetail>(`${base}/tickets/${id}`),
  createTicket: (body: unknown, idempotencyKey?: string) =>
    api.post<TicketDetail>(`${base}/tickets`, body, { idempotencyKey }),
  transition: (id: number, body: unknown) => api.post<TicketDetail>(`${base}/tickets/${id}/transitions`, body),
  note: (id: number, body: unknown) => api.post<TicketDetail>(`${base}/tickets/${id}/notes`, body),
  /** Uploads a browser file to a ticket (JSON with the content in base64, like the opportunities' attachments). */
  attach: async (id: number, file: File, description?: string) =>
    api.post<TicketDetail>(`${base}/tickets/${id}/attachments`, {
      fileName: file.name,
      contentType: contentTypeOf(file),
      contentBase64: await fileToBase64(file),
      description,
    }),
  route: (id: number, body: unknown) => api.post<WorkOrder>(`${base}/tickets/${id}/work-orders`, body),
  complaint: (id: number, body: unknown) => api.patch<TicketDetail>(`${base}/tickets/${id}/complaint`, body),
  decide: (id: number, body: unknown) =>
    api.post<TicketDetail>(`${base}/tickets/${id}/complaint/compensation-decision`, body),
  workload: () => api.get<Workload>(`${base}/tickets/workload`),
  workOrders: (query: Record<string, unknown>) =>
    api.get<Page<WorkOrder> & { finishedHidden?: number }>(`${base}/work-orders`, query),
  updateWorkOrder: (id: number, body: unknown) => api.patch<WorkOrder>(`${base}/work-orders/${id}`, body),
  departments: () => api.get<Department[]>(`${base}/departments`),
  createDepartment: (body: unknown) => api.post<Department>(`${base}/departments`, body),
  createCategory: (body: unknown) => api.post<TicketCategory>(`${base}/ticket-categories`, body),
  categories: () => api.get<TicketCategory[]>(`${base}/ticket-categories`),
  policies: () => api.get<SlaPolicy[]>(`${base}/sla/policies`),
  savePolicy: (id: number | undefined, body: unknown) =>
    id ? api.patch<SlaPolicy>(`${base}/sla/policies/${id}`, body) : api.post<SlaPolicy>(`${base}/sla/policies`, body),
  calendars: () => api.get<SlaCalendar[]>(`${base}/sla/calendars`),
  updateCalendar: (id: number, body: unknown) => api.patch<SlaCalendar>(`${base}/sla/calendars/${id}`, body),
  holidays: () => api.get<Holiday[]>(`${base}/sla/holidays`),
  approvalLimits: () => api.get<ApprovalLimit[]>('/api/approval-limits'),
  saveApprovalLimit: (body: ApprovalLimitInput) => api.put<ApprovalLimit>('/api/approval-limits', body),
  putHoliday: (h: Holiday) => api.post<Holiday>(`${base}/sla/holidays`, h),
  deleteHoliday: (date: string) => api.delete<void>(`${base}/sla/holidays/${date}`),
  attainment: (query: Record<string, unknown>) => api.get<SlaAttainment>(`${base}/reports/sla-attainment`, query),
  hotspots: (query: Record<string, unknown>) => api.get<Hotspots>(`${base}/reports/complaint-hotspots`, query),
  hotspotTickets: (query: Record<string, unknown>) =>
    api.get<Page<TicketSummary>>(`${base}/reports/complaint-hotspots/tickets`, query),
  kb: (query: Record<string, unknown>) => api.get<Page<KbArticle>>('/api/kb/articles', query),
  /** Articles for a ticket's text, most relevant first (more of its words, then in the title). */
  kbSuggestions: (query: { ticketId: number; locale: string; limit: number }) =>
    api.get<Page<KbArticle>>('/api/kb/suggestions', query),
  saveArticle: (body: unknown) => api.post<KbArticle>('/api/kb/articles', body),
  recordUse: (id: number, ticketId?: number) => api.post<KbArticle>(`/api/kb/articles/${id}/use`, { ticketId }),
  vote: (id: number, helpful: boolean) => api.post<KbArticle>(`/api/kb/articles/${id}/vote`, { helpful }),
  commitments: (query: Record<string, unknown>) => api.get<Page<Commitment>>('/api/commitments', query),
  createCommitment: (body: unknown) => api.post<Commitment>('/api/commitments', body),
  actCommitment: (id: number, body: unknown) => api.post<Commitment>(`/api/commitments/${id}/actions`, body),
  notifications: (query: Record<string, unknown>) =>
    api.get<Page<Notification> & { unread: number }>('/api/notifications', query),
  unreadCount: () => api.get<{ unread: number }>('/api/notifications/unread-count'),
  markRead: (id: number) => api.post<Notification>(`/api/notifications/${id}/read`),
  markAllRead: () => api.post<{ updated: number }>('/api/notifications/read-all'),
};

/** Reads a browser file as base64 (without the data: prefix). */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** The accepted types by extension: browsers name some of them differently (zip, dwg) or not at all. */
const typeByExtension: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  dwg: 'image/vnd.dwg',
  zip: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  txt: 'text/plain',
};
const contentTypeOf = (file: File) =>
  typeByExtension[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? (file.type || 'application/octet-stream');

/** The upload limit of the server (10 MB); bigger files are refused before they are sent. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const UPLOAD_ACCEPT = '.pdf,.png,.jpg,.jpeg,.dwg,.zip,.docx,.xlsx,.txt';

export const useDepartments = () =>
  useQuery({ queryKey: ['sd', 'departments'], queryFn: sd.departments, staleTime: 60_000 });
/** A department's name in the viewer's language (records carry the stored Chinese name; the list has both). */
export function useDepartmentName(): (id: number | null | undefined, stored: string | null | undefined) => string {
  const { locale } = useLocale();
  const departments = useDepartments().data ?? [];
  return (id, stored) => {
    const d = departments.find((x) => x.id === id);
    if (!d) return stored ?? '—';
    return locale === 'en' ? (d.nameEn ?? d.name) : d.name;
  };
}
export const useTicketCategories = () =>
  useQuery({ queryKey: ['sd', 'categories'], queryFn: sd.categories, staleTime: 60_000 });

export function useTicket(id: number) {
  return useQuery({ queryKey: ['sd', 'ticket', id], queryFn: () => sd.ticket(id), enabled: id > 0 });
}

/** Refetches everything of the service desk after a change. */
export function useInvalidateDesk() {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: ['sd'] }), [qc]);
}
