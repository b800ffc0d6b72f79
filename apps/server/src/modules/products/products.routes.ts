import {
  contract,
  contractCreate,
  idParam,
  productInstance,
  productInstanceCreate,
  productOfferingList,
  productOfferingQuery,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { createContract, createProduct, listOfferings } from './products.service';

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
}
