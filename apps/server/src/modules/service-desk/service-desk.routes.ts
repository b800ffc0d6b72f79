import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../platform/deps';
import { registerCommitmentRoutes } from './commitments/commitments.routes';
import { registerDeskRoutes } from './desk.routes';
import { registerKbRoutes } from './kb/kb.routes';
import { registerSlaRoutes } from './sla/sla.routes';
import { registerTicketRoutes } from './tickets/tickets.routes';
import { registerTmf621Routes } from './tmf621/tmf621.routes';

/**
 * The unified service desk: hotline and queue, tickets and work orders, SLA, knowledge base, commitments, and the
 * TMF621 Trouble Ticket API over the tickets.
 */
export function registerServiceDeskRoutes(app: FastifyInstance, deps: RouteDeps): void {
  registerDeskRoutes(app, deps);
  registerTicketRoutes(app, deps);
  registerSlaRoutes(app, deps);
  registerKbRoutes(app, deps);
  registerCommitmentRoutes(app, deps);
  registerTmf621Routes(app, deps);
}
