import {
  contract,
  contractCreate,
  contractParams,
  contractUpdate,
  idParam,
  productInstance,
  productInstanceCreate,
  productInstanceUpdate,
  productOfferingList,
  productOfferingQuery,
  productParams,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { createContract, createProduct, listOfferings, updateContract, updateProduct } from './products.service';

export function registerProductRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get(
    '/api/product-offerings',
    {
      schema: {
        tags: ['products'],
        description: 'The active product catalogue (TMF620 ProductOffering, simplified).',
        querystring: productOfferingQuery,
        response: { 200: productOfferingList },
      },
    },
    async (request) => {
      ctxOf(request, db, 'customers.read');
      return listOfferings({ db, family: request.query.family });
    },
  );

  r.post(
    '/api/customers/:id/products',
    {
      schema: { tags: ['products'], params: idParam, body: productInstanceCreate, response: { 201: productInstance } },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createProduct({
          ctx: ctxOf(request, db, 'customers.write'),
          id: request.params.id,
          input: request.body,
        }),
      ),
  );

  r.post(
    '/api/customers/:id/contracts',
    { schema: { tags: ['products'], params: idParam, body: contractCreate, response: { 201: contract } } },
    async (request, reply) =>
      reply.status(201).send(
        await createContract({
          ctx: ctxOf(request, db, 'customers.write'),
          id: request.params.id,
          input: request.body,
        }),
      ),
  );

  r.patch(
    '/api/customers/:id/products/:productId',
    {
      schema: {
        tags: ['products'],
        description:
          'Edits a product of the customer (status, end date, monthly fee in fen, service number). ' +
          'Terminating without an end date ends the product today (Asia/Shanghai); a terminated product stays terminated.',
        params: productParams,
        body: productInstanceUpdate,
        response: { 200: productInstance },
      },
    },
    async (request) =>
      updateProduct({
        ctx: ctxOf(request, db, 'customers.write'),
        id: request.params.id,
        productId: request.params.productId,
        input: request.body,
      }),
  );

  r.patch(
    '/api/customers/:id/contracts/:contractId',
    {
      schema: {
        tags: ['products'],
        description:
          'Edits a contract of the customer (title, start, term, end date, committed monthly amount in fen, status). ' +
          'A new start date or term recomputes the end date unless one is given.',
        params: contractParams,
        body: contractUpdate,
        response: { 200: contract },
      },
    },
    async (request) =>
      updateContract({
        ctx: ctxOf(request, db, 'customers.write'),
        id: request.params.id,
        contractId: request.params.contractId,
        input: request.body,
      }),
  );
}
