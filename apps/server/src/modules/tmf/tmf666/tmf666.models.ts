// TMF666 Account Management v4: pure mapping between the TM Forum BillingAccount and our billing accounts (one
// customer each, a payment method, a monthly bill cycle day, a status), and the filters and sort keys the list supports.
import { accountStatuses, type BillingAccount, type billingAccountUpdate, paymentMethods } from '@crm/contracts';
import type { z } from 'zod';
import { invalidField } from '../../../platform/errors';
import type { AccountDetailFilter, AccountDetailRow } from '../../billing/billing.service';
import { dateRangeOf, idsOf, stringsOf, type TmfFilterSpec, type TmfQuery, textsOf } from '../common/tmf.query';
import type { EntityRefIn } from '../common/tmf.schemas';

export const TMF666_BASE = '/tmf-api/accountManagement/v4';
export const TMF666_API = 'accountManagement';
const TMF629_CUSTOMER = '/tmf-api/customerManagement/v4/customer';

/** accountType: a prepaid account is paid before use, every other payment method bills afterwards. */
export const accountTypes = ['prepaid', 'postpaid'] as const;
type PaymentMethod = BillingAccount['paymentMethod'];
const postpaidMethods = paymentMethods.filter((m) => m !== 'prepaid');

/** What the list filters on (in SQL) and sorts by. */
export const billingAccountFilters: Record<string, TmfFilterSpec> = {
  id: { kind: 'string' },
  name: { kind: 'string' },
  state: { kind: 'enum', values: accountStatuses },
  accountType: { kind: 'enum', values: accountTypes },
  'defaultPaymentMethod.id': { kind: 'enum', values: paymentMethods },
  'relatedParty.id': { kind: 'string' },
  accountNo: { kind: 'string' },
  lastModified: { kind: 'date' },
};
export const billingAccountSortable = ['id', 'name', 'state', 'lastModified'] as const;
const sortColumn = { id: 'id', name: 'name', state: 'status', lastModified: 'updatedAt' } as const;

/** Payment methods of an accountType filter, intersected with a defaultPaymentMethod.id filter. */
function paymentMethodsOf(q: TmfQuery): PaymentMethod[] | undefined {
  const types = stringsOf(q.filters.accountType);
  const methods = stringsOf(q.filters['defaultPaymentMethod.id']) as PaymentMethod[] | undefined;
  if (!types) return methods;
  const ofTypes = [
    ...(types.includes('prepaid') ? (['prepaid'] as PaymentMethod[]) : []),
    ...(types.includes('postpaid') ? postpaidMethods : []),
  ];
  return methods ? ofTypes.filter((m) => methods.includes(m)) : ofTypes;
}

/** The parsed TMF query as the billing service's SQL filter. */
export function billingAccountFilterOf(q: TmfQuery): AccountDetailFilter {
  const f = q.filters;
  const modified = dateRangeOf(f.lastModified);
  return {
    ids: idsOf(f.id),
    names: textsOf(f.name),
    accountNos: stringsOf(f.accountNo),
    statuses: stringsOf(f.state) as AccountDetailFilter['statuses'],
    paymentMethods: paymentMethodsOf(q),
    customerIds: idsOf(f['relatedParty.id']),
    updatedAt: modified && {
      ...(modified.gt && { gt: modified.gt }),
      ...(modified.gte && { gte: modified.gte }),
      ...(modified.lt && { lt: modified.lt }),
      ...(modified.lte && { lte: modified.lte }),
    },
    sort: q.sort.map((s) => ({ column: sortColumn[s.field as keyof typeof sortColumn], desc: s.desc })),
    limit: q.limit,
    offset: q.offset,
  };
}

/** An account as a TMF666 BillingAccount; `origin` is the absolute scheme://host of the request. */
export function toBillingAccount(a: AccountDetailRow, origin: string) {
  return {
    id: String(a.id),
    href: `${origin}${TMF666_BASE}/billingAccount/${a.id}`,
    '@type': 'BillingAccount',
    '@baseType': 'Account',
    name: a.name,
    accountNo: a.accountNo,
    accountType: a.paymentMethod === 'prepaid' ? 'prepaid' : 'postpaid',
    state: a.status,
    lastModified: a.updatedAt.toISOString(),
    billStructure: {
      cycleSpecification: {
        id: `monthly-${a.billCycleDay}`,
        name: `Monthly, day ${a.billCycleDay}`,
        frequency: 'monthly',
        dateShift: a.billCycleDay - 1,
        '@type': 'BillingCycleSpecificationRef',
      },
      '@type': 'BillStructure',
    },
    defaultPaymentMethod: { id: a.paymentMethod, name: a.paymentMethod, '@referredType': 'PaymentMethod' },
    relatedParty: [
      {
        id: String(a.customerId),
        href: `${origin}${TMF629_CUSTOMER}/${a.customerId}`,
        name: a.customerName,
        role: 'Customer',
        '@referredType': 'Customer',
        '@type': 'RelatedParty',
      },
    ],
  };
}

export type BillingAccountIn = {
  name?: string;
  state?: string;
  accountType?: string;
  accountNo?: string;
  billStructure?: { cycleSpecification?: { dateShift?: number } };
  defaultPaymentMethod?: { id?: string; name?: string };
  relatedParty?: EntityRefIn[];
};

/** Our field names -> the TMF attributes they come from (400s name the TMF attribute). */
export const billingAccountFieldPaths: Record<string, string> = {
  name: 'name',
  status: 'state',
  accountNo: 'accountNo',
  paymentMethod: 'defaultPaymentMethod.id',
  billCycleDay: 'billStructure.cycleSpecification.dateShift',
};

/** The customer of a create body: the related party with role Customer (or the only one). */
export function customerIdOf(parties: EntityRefIn[] | undefined): number {
  const list = parties ?? [];
  const customer =
    list.find((p) => p.role?.toLowerCase() === 'customer' || p['@referredType'] === 'Customer') ??
    (list.length === 1 ? list[0] : undefined);
  if (!customer) throw invalidField('relatedParty', 'a related party with role "Customer" is required');
  const id = customer.id && /^[1-9]\d{0,9}$/.test(customer.id) ? Number(customer.id) : null;
  if (id === null || id > 2_147_483_647) throw invalidField('relatedParty.id', 'not a customer id');
  return id;
}

/** A payment method from defaultPaymentMethod, checked against accountType when both are given. */
function paymentMethodOf(input: BillingAccountIn): string | undefined {
  const method = input.defaultPaymentMethod?.id ?? input.defaultPaymentMethod?.name;
  if (input.accountType !== undefined && !(accountTypes as readonly string[]).includes(input.accountType))
    throw invalidField('accountType', `one of ${accountTypes.join(', ')}`);
  if (method === undefined) return input.accountType === 'prepaid' ? 'prepaid' : undefined;
  if (input.accountType && (method === 'prepaid') !== (input.accountType === 'prepaid'))
    throw invalidField('accountType', `does not match defaultPaymentMethod "${method}"`);
  return method;
}

/** The billing service's create input (validated by its own schema afterwards). */
export function accountCreateOf(input: BillingAccountIn) {
  const dateShift = input.billStructure?.cycleSpecification?.dateShift;
  return {
    name: input.name,
    accountNo: input.accountNo,
    paymentMethod: paymentMethodOf(input),
    billCycleDay: dateShift === undefined ? undefined : dateShift + 1,
  };
}

/** The billing service's update input from a merge patch; the customer of an account cannot change. */
export function accountUpdateOf(
  input: BillingAccountIn,
  current: AccountDetailRow,
): Partial<z.infer<typeof billingAccountUpdate>> {
  if (input.relatedParty !== undefined && customerIdOf(input.relatedParty) !== current.customerId)
    throw invalidField('relatedParty', 'the customer of a billing account cannot change');
  if (input.accountNo !== undefined && input.accountNo !== current.accountNo)
    throw invalidField('accountNo', 'read-only');
  const method = input.defaultPaymentMethod?.id ?? input.defaultPaymentMethod?.name;
  if (input.accountType === 'postpaid' && method === undefined && current.paymentMethod === 'prepaid')
    throw invalidField('defaultPaymentMethod', 'required to make a prepaid account postpaid');
  const dateShift = input.billStructure?.cycleSpecification?.dateShift;
  const update = {
    name: input.name,
    status: input.state,
    paymentMethod: paymentMethodOf(input),
    billCycleDay: dateShift === undefined ? undefined : dateShift + 1,
  };
  return Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined)) as Partial<
    z.infer<typeof billingAccountUpdate>
  >;
}
