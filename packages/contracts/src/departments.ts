// The operator's back-office departments: one list, one name each (zh-CN and en), for the service desk's work orders,
// the key-account fulfilment steps, the opportunity notes forwarded to a department and the web's labels. DOMAIN
// §5.1 calls the department that builds and tests lines the network resource department (网络资源部).
import type { kaDepartments } from './ka-sales';

export type KaDepartment = (typeof kaDepartments)[number];

/** Service-desk departments (`departments` rows seeded from this list; their heads receive the work). */
export const deskDepartments = [
  { code: 'network', zh: '网络资源部', en: 'Network resources' },
  { code: 'billing', zh: '计费中心', en: 'Billing centre' },
  { code: 'business_support', zh: '业务支撑部', en: 'Business support' },
  { code: 'customer_service', zh: '客服中心', en: 'Customer service' },
] as const;
export type DeskDepartmentCode = (typeof deskDepartments)[number]['code'];

/** The key-account department (the AMs): owns the customer's written confirmation; not a service-desk department. */
const accountManagement = { zh: '大客户部', en: 'Key accounts' } as const;

/** The service-desk department of each key-account department code (null: the AMs themselves). */
export const deskCodeOfKaDepartment: Record<KaDepartment, DeskDepartmentCode | null> = {
  business: 'business_support',
  network: 'network',
  billing: 'billing',
  account_management: null,
};

/** The name of a key-account department, the same as its service-desk department's. */
export function kaDepartmentName(department: KaDepartment): { zh: string; en: string } {
  const code = deskCodeOfKaDepartment[department];
  return deskDepartments.find((d) => d.code === code) ?? accountManagement;
}
