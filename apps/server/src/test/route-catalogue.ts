import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../db/client';
import { firstRow } from './demo-app';
import type { JsonSchema } from './schema-arbitrary';

// The mutating routes of the app as its OpenAPI document describes them, and real path parameters for them from a
// populated database: for tests that walk every route.

export type ApiRoute = {
  method: 'POST' | 'PATCH';
  /** OpenAPI path template, e.g. `/api/ka/orders/{id}/steps/{stepId}`. */
  path: string;
  params: string[];
  body: JsonSchema | undefined;
  /** The body is multipart (uploads): not fuzzed as JSON. */
  multipart: boolean;
};

type Operation = { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } };

/** Every POST and PATCH route of the OpenAPI document (`app.swagger()`, after `app.ready()`). */
export function mutatingRoutes(app: FastifyInstance): ApiRoute[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, Operation>> };
  const routes: ApiRoute[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (method !== 'post' && method !== 'patch') continue;
      const content = operation.requestBody?.content ?? {};
      routes.push({
        method: method.toUpperCase() as ApiRoute['method'],
        path,
        params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
        body: content['application/json']?.schema,
        multipart: 'multipart/form-data' in content,
      });
    }
  }
  return routes;
}

/** The URL of a route with its parameters filled in (URL-encoded unless already percent-encoded). */
export function urlOf(route: ApiRoute, params: Record<string, string>): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    /%[0-9A-F]{2}/i.test(params[name]) ? params[name] : encodeURIComponent(params[name]),
  );
}

// Where the record behind a path parameter lives: the first matching route pattern decides the query; the query's
// columns are named after the parameters.
const PARAM_QUERIES: [RegExp, string][] = [
  [
    /^\/api\/customers\/\{id\}\/accounts\/\{accountId\}/,
    'select customer_id as id, id as "accountId" from billing_accounts',
  ],
  [/\/customers\/\{id\}\/contacts\/\{contactId\}/, 'select customer_id as id, id as "contactId" from contacts'],
  [
    /^\/api\/customers\/\{id\}\/contracts\/\{contractId\}/,
    'select customer_id as id, id as "contractId" from contracts',
  ],
  [
    /^\/api\/customers\/\{id\}\/products\/\{productId\}/,
    'select customer_id as id, id as "productId" from product_instances',
  ],
  [/^\/api\/ka\/orders\/\{id\}\/steps\/\{stepId\}/, 'select order_id as id, id as "stepId" from service_order_steps'],
  [
    /^\/api\/ka\/opportunities\/\{id\}\/options\/\{optionId\}/,
    'select opportunity_id as id, id as "optionId" from solution_options',
  ],
  [
    /^\/api\/ka\/entitlements\/catalog\/\{typeId\}\/tiers\/\{tier\}/,
    'select type_id as "typeId", tier from entitlement_tier_rules',
  ],
  [/^\/api\/ka\/customers\/\{id\}/, "select id from customers where category = 'key_account'"],
  [/^\/api\/customers\/\{id\}/, 'select id from customers'],
  // Never the signed-in administrator: a fuzzed role or deactivation would end the test's own session.
  [/^\/api\/users\/\{id\}/, "select id from users where username not in ('admin')"],
  [/^\/api\/commitments\/\{id\}/, 'select id from commitments'],
  [/^\/api\/grading\/rule-sets\/\{id\}/, 'select id from grading_rule_sets'],
  [/^\/api\/imports\/\{id\}/, 'select id from import_runs'],
  [/^\/api\/ka\/club-events\/\{id\}/, 'select id from club_events'],
  [/^\/api\/ka\/club-invitations\/\{id\}/, 'select id from club_event_invitations'],
  [/^\/api\/ka\/line-checks\/\{id\}/, 'select id from line_checks'],
  [/^\/api\/ka\/opportunities\/\{id\}/, 'select id from opportunities'],
  [/^\/api\/ka\/price-reviews\/\{id\}/, 'select id from price_reviews'],
  [/^\/api\/ka\/tasks\/\{id\}/, 'select id from ka_tasks'],
  [/^\/api\/ka\/warnings\/\{id\}/, 'select id from warnings'],
  [/^\/api\/kb\/articles\/\{id\}/, 'select id from kb_articles'],
  [/^\/api\/notifications\/\{id\}/, 'select id from notifications'],
  [/^\/api\/service-desk\/queue\/\{id\}/, 'select id from hotline_calls'],
  [/^\/api\/service-desk\/sla\/calendars\/\{id\}/, 'select id from sla_calendars'],
  [/^\/api\/service-desk\/sla\/policies\/\{id\}/, 'select id from sla_policies'],
  [/^\/api\/service-desk\/tickets\/\{id\}/, 'select id from tickets'],
  [/^\/api\/service-desk\/work-orders\/\{id\}/, 'select id from work_orders'],
  [/^\/tmf-api\/troubleTicket\/v4\/troubleTicket\/\{id\}/, 'select id from tickets'],
  [/^\/api\/kpi\/scorecards\/\{id\}/, 'select id from kpi_scorecards'],
  [/^\/api\/quality\/inspections\/\{id\}/, 'select id from quality_inspections'],
];

/** Real values for a route's path parameters (empty when the route has none or no such record exists). */
export async function realParamsOf(handle: DbHandle, route: ApiRoute): Promise<Record<string, string>> {
  if (route.params.length === 0) return {};
  const query = PARAM_QUERIES.find(([pattern]) => pattern.test(route.path))?.[1];
  const row = query ? await firstRow(handle, `${query} order by 1 limit 1`) : undefined;
  if (!row) return {};
  return Object.fromEntries(route.params.filter((p) => row[p] != null).map((p) => [p, String(row[p])]));
}

/** Parameter values no record has. */
export function missingParamsOf(route: ApiRoute): Record<string, string> {
  return Object.fromEntries(route.params.map((p) => [p, p === 'tier' ? 'no_such_tier' : '2147483000']));
}
