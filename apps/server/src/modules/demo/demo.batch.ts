// A batch of generated rows, held column by column: each column becomes one array parameter of a set-based
// `INSERT ... SELECT FROM unnest(...)`, so a batch of any size is a handful of statements.

/** Column name -> PostgreSQL array element type. Names starting with "_" are helper values, not table columns. */
export type ColumnTypes = Record<string, 'int' | 'bigint' | 'text' | 'date' | 'timestamptz'>;

export class Columns<T extends ColumnTypes> {
  readonly data: { [K in keyof T]: unknown[] };
  length = 0;

  constructor(readonly types: T) {
    const data = {} as { [K in keyof T]: unknown[] };
    for (const k of Object.keys(types) as (keyof T)[]) data[k] = [];
    this.data = data;
  }

  push(row: { [K in keyof T]?: unknown }): void {
    for (const k in this.types) this.data[k].push(row[k] ?? null);
    this.length++;
  }
}

export const tableColumns = {
  parties: {
    id: 'int',
    party_type: 'text',
    name: 'text',
    credit_code: 'text',
    id_number: 'text',
    mobile: 'text',
    email: 'text',
    address: 'text',
    gender: 'text',
    birth_date: 'date',
    occupation: 'text',
    age_band: 'text',
    income_band: 'text',
    _created: 'date',
  },
  customers: {
    id: 'int',
    party_id: 'int',
    customer_no: 'text',
    category: 'text',
    public_subtype: 'text',
    status: 'text',
    org_unit_id: 'int',
    account_manager_id: 'int',
    industry: 'text',
    coverage_level: 'text',
    organization_type: 'text',
    since_date: 'date',
    referred_by_customer_id: 'int',
    parent_customer_id: 'int',
    notes: 'text',
    _created: 'date',
  },
  customer_shares: { customer_id: 'int', user_id: 'int' },
  contacts: {
    customer_id: 'int',
    name: 'text',
    title: 'text',
    mobile: 'text',
    phone: 'text',
    email: 'text',
    birthday: 'date',
    interests: 'text',
    decision_role: 'text',
    attitude: 'text',
    notes: 'text',
    _created: 'date',
  },
  billing_accounts: {
    id: 'int',
    customer_id: 'int',
    account_no: 'text',
    name: 'text',
    payment_method: 'text',
    bill_cycle_day: 'int',
    status: 'text',
    _created: 'date',
  },
  product_instances: {
    customer_id: 'int',
    account_id: 'int',
    offering_id: 'int',
    service_number: 'text',
    start_date: 'date',
    end_date: 'date',
    monthly_fen: 'bigint',
    status: 'text',
  },
  contracts: {
    id: 'int',
    customer_id: 'int',
    contract_no: 'text',
    title: 'text',
    start_date: 'date',
    term_months: 'int',
    end_date: 'date',
    committed_monthly_fen: 'bigint',
    status: 'text',
  },
  contract_products: { contract_id: 'int', offering_id: 'int', quantity: 'int' },
  interactions: {
    customer_id: 'int',
    channel: 'text',
    direction: 'text',
    summary: 'text',
    user_id: 'int',
    occurred_at: 'timestamptz',
  },
  /** Per-account parameters from which the database expands the monthly bills (see demo.repository insertBills). */
  bill_params: {
    account_id: 'int',
    customer_id: 'int',
    usage_fen: 'bigint',
    rental_fen: 'bigint',
    growth_pm: 'int',
    drop_from: 'int',
    drop_pm: 'int',
    season_amp: 'int',
    noise_amp: 'int',
    s_local: 'int',
    s_ld: 'int',
    s_intl: 'int',
    s_data: 'int',
    s_va: 'int',
    start_m: 'int',
    end_m: 'int',
    arrears_from: 'int',
    gap_pm: 'int',
  },
} as const satisfies Record<string, ColumnTypes>;

export type DemoTable = keyof typeof tableColumns;
export type Batch = { [K in DemoTable]: Columns<(typeof tableColumns)[K]> } & { customerCount: number };

export function newBatch(): Batch {
  const b = { customerCount: 0 } as Batch;
  for (const name of Object.keys(tableColumns) as DemoTable[]) {
    (b as Record<DemoTable, unknown>)[name] = new Columns(tableColumns[name]);
  }
  return b;
}

/** Insertion order: referenced tables first. */
export const insertOrder: DemoTable[] = [
  'parties',
  'customers',
  'customer_shares',
  'contacts',
  'billing_accounts',
  'product_instances',
  'contracts',
  'contract_products',
  'interactions',
];
