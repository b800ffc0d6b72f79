import type { OrgUnit, ProductOffering, User } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { type Locale, useLocale } from '../i18n';
import { api } from './client';

/** Org units visible to the current user (their subtree; everything for administrators). */
export function useOrgUnits() {
  return useQuery({
    queryKey: ['org-units'],
    queryFn: () => api.get<OrgUnit[]>('/api/org-units'),
    staleTime: 5 * 60_000,
  });
}

export function useAccountManagers(enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['users', { role: 'account_manager' }],
    queryFn: () => api.get<{ items: User[]; total: number }>('/api/users', { role: 'account_manager', limit: 500 }),
    select: (page) => page.items,
    staleTime: 5 * 60_000,
  });
}

/** Hotline agents (outbound call lists of campaigns are spread over them). */
export function useAgents(enabled = true) {
  return useQuery({
    queryKey: ['users', { role: 'agent' }],
    queryFn: () => api.get<{ items: User[]; total: number }>('/api/users', { role: 'agent', limit: 500 }),
    select: (page) => page.items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useProductOfferings(enabled = true) {
  return useQuery({
    queryKey: ['product-offerings'],
    queryFn: () => api.get<ProductOffering[] | { items: ProductOffering[] }>('/api/product-offerings'),
    select: (res) => (Array.isArray(res) ? res : res.items),
    staleTime: 10 * 60_000,
    enabled,
  });
}

export const orgUnitLabel = (unit: Pick<OrgUnit, 'name' | 'nameEn'>, locale: Locale) =>
  locale === 'en' && unit.nameEn ? unit.nameEn : unit.name;

/** `(id, fallback) => name` in the current language (English names come from the org-unit list when set). */
export function useOrgUnitName() {
  const { locale } = useLocale();
  const { data } = useOrgUnits();
  return (id: number | null | undefined, fallback: string) => {
    if (locale !== 'en' || id === null || id === undefined) return fallback;
    return data?.find((u) => u.id === id)?.nameEn || fallback;
  };
}

export type OrgTreeNode = { value: number; title: string; key: number; unit: OrgUnit; children: OrgTreeNode[] };

/** Builds the tree from the flat list; units whose parent is not visible become roots. */
export function buildOrgTree(units: OrgUnit[], locale: Locale): OrgTreeNode[] {
  const nodes = new Map<number, OrgTreeNode>();
  for (const u of units)
    nodes.set(u.id, { value: u.id, key: u.id, title: orgUnitLabel(u, locale), unit: u, children: [] });
  const roots: OrgTreeNode[] = [];
  for (const u of units) {
    const node = nodes.get(u.id)!;
    const parent = u.parentId === null ? undefined : nodes.get(u.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: OrgTreeNode[]) => {
    list.sort((a, b) => a.unit.code.localeCompare(b.unit.code));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}
