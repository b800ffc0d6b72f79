import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../platform/deps';

export function registerCustomerRoutes(_app: FastifyInstance, _deps: RouteDeps): void {}
