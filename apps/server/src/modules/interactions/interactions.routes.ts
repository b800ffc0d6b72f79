import { idParam, interaction, interactionCreate } from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { createInteraction } from './interactions.service';

export function registerInteractionRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.post(
    '/api/customers/:id/interactions',
    {
      schema: {
        tags: ['interactions'],
        description: 'Records a contact with the customer (TMF683 PartyInteraction) by the signed-in user.',
        params: idParam,
        body: interactionCreate,
        response: { 201: interaction },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createInteraction({
          ctx: ctxOf(request, db, 'interactions.write'),
          id: request.params.id,
          input: request.body,
        }),
      ),
  );
}
