import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isPersonalField, reviewedNonPersonalFields } from '@crm/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app';

// Walks the response schema of every route in the OpenAPI document and finds what can carry personal data: a
// property named as a personal field (`personalFieldMasks`), an audit diff (a record of { before, after }) or an open
// record (values of any shape, keyed by anything). Each such route must be in `coverage` below, naming the function
// that passes its output through the one masking decision (or an exemption with its reason); the test reads that
// function's source and checks it calls the decision. A new route carrying a personal field without masking fails.

type Coverage = { maskedBy: string[] } | { exempt: string };

/** `file#function` relative to apps/server/src. */
const coverage: Record<string, Coverage> = {
  'GET /api/users': { maskedBy: ['modules/org/org.service.ts#listUsers'] },
  'GET /api/users/{id}': { maskedBy: ['modules/org/org.service.ts#getUser'] },
  'POST /api/users': { maskedBy: ['modules/org/org.service.ts#getUser'] },
  'PATCH /api/users/{id}': { maskedBy: ['modules/org/org.service.ts#getUser'] },
  'GET /api/customers': { maskedBy: ['modules/customers/customers.service.ts#listCustomers'] },
  'POST /api/customers': { maskedBy: ['modules/customers/customers.service.ts#getCustomer'] },
  'PATCH /api/customers/{id}': { maskedBy: ['modules/customers/customers.service.ts#getCustomer'] },
  'GET /api/customers/{id}': {
    maskedBy: [
      'modules/customers/customers.service.ts#getCustomer',
      'modules/customers/contacts.service.ts#contactsOfCustomer',
    ],
  },
  'GET /api/customers/{id}/history': { maskedBy: ['modules/customers/customers.service.ts#customerHistory'] },
  'GET /api/customers/{id}/surveys': { maskedBy: ['modules/surveys/callbacks.service.ts#customerSurveys'] },
  'POST /api/surveys/waves/{id}/pls': {
    exempt: 'a fitted model: construct names mapped to question codes and figures, no personal fields',
  },
  'GET /api/surveys/analytics/answers': {
    maskedBy: ['modules/surveys/analytics/surveys.analytics.service.ts#drillDownAnswers'],
  },
  'POST /api/customers/{id}/contacts': { maskedBy: ['modules/customers/contacts.service.ts#createContact'] },
  'PATCH /api/customers/{id}/contacts/{contactId}': {
    maskedBy: ['modules/customers/contacts.service.ts#updateContact'],
  },
  'GET /api/audit': { maskedBy: ['modules/audit/audit.service.ts#listAuditLog'] },
  'GET /api/notifications': { maskedBy: ['modules/notifications/notifications.service.ts#toDto'] },
  'POST /api/notifications/{id}/read': { maskedBy: ['modules/notifications/notifications.service.ts#toDto'] },
  'GET /api/service-desk/caller': { maskedBy: ['modules/service-desk/caller.service.ts#getCallerCard'] },
  'POST /api/service-desk/callers': { maskedBy: ['modules/service-desk/caller.service.ts#getCallerCard'] },
  'GET /api/service-desk/queue': { maskedBy: ['modules/service-desk/queue/queue.service.ts#toCall'] },
  'POST /api/service-desk/queue': { maskedBy: ['modules/service-desk/queue/queue.service.ts#toCall'] },
  'POST /api/service-desk/queue/{id}/abandon': { maskedBy: ['modules/service-desk/queue/queue.service.ts#toCall'] },
  'POST /api/service-desk/queue/next': {
    maskedBy: [
      'modules/service-desk/queue/queue.service.ts#toCall',
      'modules/service-desk/caller.service.ts#getCallerCard',
    ],
  },
  ...Object.fromEntries(
    [
      'POST /api/service-desk/tickets',
      'GET /api/service-desk/tickets/{id}',
      'POST /api/service-desk/tickets/{id}/transitions',
      'POST /api/service-desk/tickets/{id}/notes',
      'POST /api/service-desk/tickets/{id}/attachments',
      'PATCH /api/service-desk/tickets/{id}/complaint',
      'POST /api/service-desk/tickets/{id}/complaint/compensation-decision',
    ].map((route) => [route, { maskedBy: ['modules/service-desk/tickets/tickets.service.ts#getTicket'] }]),
  ),
  // The TM Forum facade carries no personal field today; it is masked anyway so a future attribute is covered.
  'GET /tmf-api/troubleTicket/v4/troubleTicket': {
    maskedBy: ['modules/service-desk/tmf621/tmf621.service.ts#troubleTicketResources'],
  },
  'GET /tmf-api/troubleTicket/v4/troubleTicket/{id}': {
    maskedBy: ['modules/service-desk/tmf621/tmf621.service.ts#troubleTicketResources'],
  },
  ...Object.fromEntries(
    [
      'GET /api/imports',
      'POST /api/imports',
      'GET /api/imports/{id}',
      'POST /api/imports/{id}/dry-run',
      'POST /api/imports/{id}/commit',
    ].map((route) => [route, { maskedBy: ['modules/imports/imports.service.ts#toImportRun'] }]),
  ),
  ...Object.fromEntries(
    [
      'POST /api/grading/runs',
      'GET /api/grading/runs',
      'GET /api/grading/runs/{id}',
      'GET /api/customers/{id}/grading',
    ].map((route) => [route, { exempt: 'grading run summaries and explanations: computed figures and rule names' }]),
  ),
  ...Object.fromEntries(
    ['GET /api/ka/my-steps', 'GET /api/ka/orders/{id}', 'PATCH /api/ka/orders/{id}/steps/{stepId}'].map((route) => [
      route,
      { exempt: 'fulfilment step evidence: dates and the stored acceptance document, no personal fields' },
    ]),
  ),
  'POST /api/ka/orders/{id}/steps/{stepId}/complete': {
    exempt: 'fulfilment step evidence: dates and the stored acceptance document, no personal fields',
  },
  ...Object.fromEntries(
    ['GET /api/ka/warnings', 'POST /api/ka/warnings/{id}/acknowledge', 'POST /api/ka/warnings/{id}/close'].map(
      (route) => [route, { exempt: 'warning facts: periods, dates, ids and figures computed by the rules' }],
    ),
  ),
  'GET /api/ka/calendar': {
    exempt: 'care calendar details: record ids, dates and counts (a contact is referred to by id)',
  },
  'GET /api/ka/workbench': { exempt: 'warning facts and calendar details, as on their own routes' },
  'GET /api/surveys/waves/{id}/members': { maskedBy: ['modules/surveys/waves/waves.service.ts#listMembers'] },
  'POST /api/surveys/waves/{id}/imports': {
    exempt: 'mapping: questionnaire answer targets to the file column headers, no personal data',
  },
  // TM Forum facades map the customers service's details, which that service masks for the viewer.
  ...Object.fromEntries(
    [
      'GET /tmf-api/customerManagement/v4/customer',
      'GET /tmf-api/party/v4/individual',
      'GET /tmf-api/party/v4/organization',
    ].map((route) => [route, { maskedBy: ['modules/customers/customers.service.ts#listCustomerDetails'] }]),
  ),
  ...Object.fromEntries(
    [
      'POST /tmf-api/customerManagement/v4/customer',
      'GET /tmf-api/customerManagement/v4/customer/{id}',
      'PATCH /tmf-api/customerManagement/v4/customer/{id}',
      'POST /tmf-api/party/v4/individual',
      'GET /tmf-api/party/v4/individual/{id}',
      'PATCH /tmf-api/party/v4/individual/{id}',
      'POST /tmf-api/party/v4/organization',
      'GET /tmf-api/party/v4/organization/{id}',
      'PATCH /tmf-api/party/v4/organization/{id}',
    ].map((route) => [route, { maskedBy: ['modules/customers/customers.service.ts#getCustomer'] }]),
  ),
  'GET /api/customers/{id}/timeline': { maskedBy: ['modules/timeline/timeline.service.ts#getTimeline'] },
};

/** The functions every masking goes through (the decision in the contracts package and its viewer wrapper). */
const decision = /\b(maskForViewer|maskPersonalData|maskPersonalValue)\(/;
/** Helpers that call the decision themselves (checked below), accepted in the functions of the coverage map. */
const helpers: Record<string, string> = { maskedPhone: 'modules/service-desk/desk.service.ts#maskedPhone' };
const looksPersonal = /phone|mobile|idnumber|idcard|birth|email|address|passport|certificate|licence|license/i;

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  type?: string | string[];
};

/** What in one response schema can carry personal data, and every property name seen. */
function carriers(schema: JsonSchema | undefined, found: Set<string>, names: Set<string>, at = ''): void {
  if (!schema || typeof schema !== 'object') return;
  const record = schema.additionalProperties;
  if (record && typeof record === 'object') {
    const values = record as JsonSchema;
    if (values.properties?.before && values.properties?.after) found.add(`${at}{audit diff}`);
    else if (!values.type || (values.type !== 'number' && values.type !== 'integer')) found.add(`${at}{open record}`);
  } else if (record === true) found.add(`${at}{open record}`);
  for (const [name, sub] of Object.entries(schema.properties ?? {})) {
    names.add(name);
    if (isPersonalField(name)) found.add(`${at}.${name}`);
    carriers(sub, found, names, `${at}.${name}`);
  }
  const subs = [schema.items, schema.anyOf, schema.oneOf, schema.allOf, record].flat();
  for (const sub of subs) if (sub && typeof sub === 'object') carriers(sub as JsonSchema, found, names, at);
}

const sourceRoot = path.resolve(__dirname, '..');
function functionSource(ref: string): string {
  const [file, fn] = ref.split('#');
  const text = readFileSync(path.join(sourceRoot, file), 'utf8');
  const start = text.search(new RegExp(`(function ${fn}\\b|const ${fn}\\b)`));
  if (start < 0) throw new Error(`${fn} not found in ${file}`);
  const rest = text.slice(start + 1);
  const end = rest.search(/\n(export |async |function |const |type |\/\*\*)/);
  return text.slice(start, end < 0 ? undefined : start + 1 + end);
}
const applied = new RegExp(`${decision.source}|\\b(${Object.keys(helpers).join('|')})\\(`);

let t: TestApp;
const routes = new Map<string, string[]>();
const propertyNames = new Set<string>();
beforeAll(async () => {
  t = await createTestApp();
  const doc = t.app.swagger() as { paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> };
  for (const [url, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) {
      const found = new Set<string>();
      for (const response of Object.values(op.responses ?? {})) {
        const r = response as { content?: Record<string, { schema?: JsonSchema }> };
        for (const media of Object.values(r.content ?? {})) carriers(media.schema, found, propertyNames);
      }
      routes.set(`${method.toUpperCase()} ${url}`, [...found]);
    }
});
afterAll(() => t.close());

describe('personal data in route responses', () => {
  it('walks a real document (sanity: the customer routes are in it)', () => {
    expect(routes.get('GET /api/customers')).toContain('.items.mobile');
    expect(routes.get('GET /api/customers/{id}/history')).toContain('.items.changes{audit diff}');
  });

  it('every route carrying a personal field, an audit diff or an open record is in the coverage map', () => {
    const missing = [...routes].filter(([route, found]) => found.length > 0 && !coverage[route]);
    expect(missing.map(([route, found]) => `${route}: ${found.join(' ')}`)).toEqual([]);
  });

  it('every function named by the coverage map applies the masking decision', () => {
    const failures = Object.values(coverage)
      .flatMap((c) => ('maskedBy' in c ? c.maskedBy : []))
      .filter((ref) => !applied.test(functionSource(ref)));
    expect(failures).toEqual([]);
    for (const ref of Object.values(helpers)) expect(functionSource(ref), ref).toMatch(decision);
  });

  it('the coverage map names only existing routes', () => {
    expect(Object.keys(coverage).filter((route) => !routes.has(route))).toEqual([]);
  });

  it('every response property that looks personal is classified (masked, or reviewed with a reason)', () => {
    const unclassified = [...propertyNames].filter(
      (name) => looksPersonal.test(name) && !isPersonalField(name) && !Object.hasOwn(reviewedNonPersonalFields, name),
    );
    expect(unclassified).toEqual([]);
  });
});

describe('outputs outside the OpenAPI document', () => {
  it('the customer export cells go through the masking decision', () => {
    expect(functionSource('modules/exports/exports.service.ts#customerColumns')).toMatch(decision);
  });
});
