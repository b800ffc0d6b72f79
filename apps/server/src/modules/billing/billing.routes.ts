import {
  accountParams,
  billingAccount,
  billingAccountCreate,
  billingAccountUpdate,
  billPage,
  billPageQuery,
  idParam,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { createAccount, listCustomerBills, updateAccount } from './billing.service';

export function registerBillingRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.post(
    '/api/customers/:id/accounts',
    { schema: { tags: ['billing'], params: idParam, body: billingAccountCreate, response: { 201: billingAccount } } },
    async (request, reply) =>
      reply.status(201).send(
        await createAccount({
          ctx: ctxOf(request, db, 'customers.write'),
          id: request.params.id,
          input: request.body,
        }),
      ),
  );

  r.patch(
    '/api/customers/:id/accounts/:accountId',
    {
      schema: {
        tags: ['billing'],
        description: "Edits one of the customer's billing accounts (name, payment method, bill cycle day, status).",
        params: accountParams,
        body: billingAccountUpdate,
        response: { 200: billingAccount },
      },
    },
    async (request) =>
      updateAccount({
        ctx: ctxOf(request, db, 'customers.write'),
        id: request.params.id,
        accountId: request.params.accountId,
        input: request.body,
      }),
  );

  r.get(
    '/api/customers/:id/bills',
    {
      schema: {
        tags: ['billing'],
        description: "One page of the customer's bills (all accounts), newest period first. Money in fen.",
        params: idParam,
        querystring: billPageQuery,
        response: { 200: billPage },
      },
    },
    async (request) =>
      listCustomerBills({ ctx: ctxOf(request, db, 'customers.read'), id: request.params.id, page: request.query }),
  );
}
