import {
  attachmentUpload,
  compensationDecision,
  complaintUpdate,
  idParam,
  ownerWorkload,
  ticketCreate,
  ticketDetail,
  ticketListQuery,
  ticketNote,
  ticketPage,
  ticketTransition,
  workOrder,
  workOrderCreate,
  workOrderListQuery,
  workOrderPage,
  workOrderUpdate,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../../platform/context';
import type { RouteDeps } from '../../../platform/deps';
import { forbidden } from '../../../platform/errors';
import { sendFile, UPLOAD_BODY_LIMIT } from '../../ka-files/ka-files.routes';
import { filesDirOf } from '../../ka-files/ka-files.service';
import { decideCompensation, updateComplaint } from './complaints.service';
import { addTicketAttachment, readTicketAttachment } from './ticket-attachments.service';
import { addTicketNote } from './ticket-edits.service';
import { createTicket, getTicket, listTickets, transitionTicket, ownerWorkload as workload } from './tickets.service';
import { createWorkOrder, listWorkOrders, updateWorkOrder } from './work-orders.service';

export function registerTicketRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['service-desk'];
  const filesDir = filesDirOf(deps.config);

  r.get(
    '/api/service-desk/tickets',
    { schema: { tags, querystring: ticketListQuery, response: { 200: ticketPage } } },
    async (request) => listTickets({ ctx: ctxOf(request, db, 'tickets.read'), filter: request.query }),
  );
  r.get(
    '/api/service-desk/tickets/workload',
    { schema: { tags, description: 'Open tickets per first-contact owner.', response: { 200: ownerWorkload } } },
    async (request) => workload({ ctx: ctxOf(request, db, 'tickets.read') }),
  );
  r.post(
    '/api/service-desk/tickets',
    {
      schema: {
        tags,
        description: 'Opens a ticket owned by the signed-in user (first-contact ownership); honours Idempotency-Key.',
        body: ticketCreate,
        response: { 201: ticketDetail },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createTicket({ ctx: ctxOf(request, db, 'tickets.write'), input: request.body })),
  );
  r.get(
    '/api/service-desk/tickets/:id',
    { schema: { tags, params: idParam, response: { 200: ticketDetail } } },
    async (request) => getTicket({ ctx: ctxOf(request, db, 'tickets.read'), id: request.params.id }),
  );
  r.post(
    '/api/service-desk/tickets/:id/transitions',
    {
      schema: {
        tags,
        description: 'TMF621 status change; only the owner or their manager.',
        params: idParam,
        body: ticketTransition,
        response: { 200: ticketDetail },
      },
    },
    async (request) =>
      transitionTicket({ ctx: ctxOf(request, db, 'tickets.write'), id: request.params.id, input: request.body }),
  );
  r.post(
    '/api/service-desk/tickets/:id/notes',
    { schema: { tags, params: idParam, body: ticketNote, response: { 200: ticketDetail } } },
    async (request) =>
      addTicketNote({ ctx: ctxOf(request, db, 'tickets.read'), id: request.params.id, input: request.body }),
  );
  r.post(
    '/api/service-desk/tickets/:id/attachments',
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags,
        description:
          'Uploads a file (PDF, PNG, JPG, DWG, ZIP, DOCX, XLSX or TXT, at most 10 MB, base64) to a ticket the user can see.',
        params: idParam,
        body: attachmentUpload,
        response: { 200: ticketDetail },
      },
    },
    async (request) =>
      addTicketAttachment({
        ctx: ctxOf(request, db, 'tickets.read'),
        id: request.params.id,
        input: request.body,
        filesDir,
      }),
  );
  r.get(
    '/api/service-desk/tickets/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        description: 'Downloads a stored file of a ticket the user can see (audited).',
        params: idParam.extend({ attachmentId: idParam.shape.id }),
        response: { 200: z.any().describe('the file') },
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await readTicketAttachment({
          ctx: ctxOf(request, db, 'tickets.read'),
          id: request.params.id,
          attachmentId: request.params.attachmentId,
          filesDir,
        }),
      ),
  );
  r.post(
    '/api/service-desk/tickets/:id/work-orders',
    { schema: { tags, params: idParam, body: workOrderCreate, response: { 201: workOrder } } },
    async (request, reply) =>
      reply.status(201).send(
        await createWorkOrder({
          ctx: ctxOf(request, db, 'tickets.write'),
          ticketId: request.params.id,
          input: request.body,
        }),
      ),
  );
  r.get(
    '/api/service-desk/work-orders',
    { schema: { tags, querystring: workOrderListQuery, response: { 200: workOrderPage } } },
    async (request) => listWorkOrders({ ctx: ctxOf(request, db, 'tickets.read'), filter: request.query }),
  );
  r.patch(
    '/api/service-desk/work-orders/:id',
    { schema: { tags, params: idParam, body: workOrderUpdate, response: { 200: workOrder } } },
    async (request) =>
      updateWorkOrder({ ctx: ctxOf(request, db, 'tickets.read'), id: request.params.id, input: request.body }),
  );
  r.patch(
    '/api/service-desk/tickets/:id/complaint',
    { schema: { tags, params: idParam, body: complaintUpdate, response: { 200: ticketDetail } } },
    async (request) =>
      updateComplaint({ ctx: ctxOf(request, db, 'tickets.read'), ticketId: request.params.id, input: request.body }),
  );
  r.post(
    '/api/service-desk/tickets/:id/complaint/compensation-decision',
    { schema: { tags, params: idParam, body: compensationDecision, response: { 200: ticketDetail } } },
    async (request) => {
      const ctx = ctxOf(request, db, 'commitments.approve');
      if (!ctx.can('tickets.read')) throw forbidden();
      return decideCompensation({ ctx, ticketId: request.params.id, input: request.body });
    },
  );
}
