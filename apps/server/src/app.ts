import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppConfig } from './config';
import type { DbHandle } from './db/client';
import { registerAccountsMgmtRoutes } from './modules/accounts-mgmt/accounts-mgmt.routes';
import { registerApprovalRoutes } from './modules/approvals/approvals.routes';
import { registerAuditRoutes } from './modules/audit/audit.routes';
import { registerAuthRoutes } from './modules/auth/auth.routes';
import { registerBillingRoutes } from './modules/billing/billing.routes';
import { registerCampaignRoutes } from './modules/campaigns/campaigns.routes';
import { registerCareRoutes } from './modules/care/care.routes';
import { registerChurnAnalysisRoutes } from './modules/churn/churn.analysis.routes';
import { registerChurnRetentionRoutes } from './modules/churn/churn.retention.routes';
import { registerChurnModelRoutes } from './modules/churn/churn.routes';
import { registerChurnScreenRoutes } from './modules/churn/churn.screens.routes';
import { registerChurnTerminationRoutes } from './modules/churn/churn.terminations.routes';
import { registerCustomerRoutes } from './modules/customers/customers.routes';
import { registerDiscountRoutes } from './modules/discounts/discounts.routes';
import { registerEntitlementRoutes } from './modules/entitlements/entitlements.routes';
import { registerExportRoutes } from './modules/exports/exports.routes';
import { registerFulfilmentRoutes } from './modules/fulfilment/fulfilment.routes';
import { registerGradingRoutes } from './modules/grading/grading.routes';
import { registerIdempotencyHook } from './modules/idempotency/idempotency.hook';
import { registerImportRoutes } from './modules/imports/imports.routes';
import { registerInteractionRoutes } from './modules/interactions/interactions.routes';
import { registerInvestmentRoutes } from './modules/investments/investments.routes';
import { registerJobRoutes } from './modules/jobs/jobs.routes';
import { registerWorkbenchRoutes } from './modules/ka-workbench/ka-workbench.routes';
import { registerKpiRoutes } from './modules/kpi/kpi.routes';
import { registerLoyaltyRoutes } from './modules/loyalty/loyalty.routes';
import { registerNotificationRoutes } from './modules/notifications/notifications.routes';
import { registerOpportunityRoutes } from './modules/opportunities/opportunities.routes';
import { registerOrgRoutes } from './modules/org/org.routes';
import { registerProductRoutes } from './modules/products/products.routes';
import { registerQualityRoutes } from './modules/quality/quality.routes';
import { registerServiceDeskRoutes } from './modules/service-desk/service-desk.routes';
import { registerSurveyAnalyticsRoutes } from './modules/surveys/analytics/surveys.analytics.routes';
import { registerSurveyRoutes } from './modules/surveys/surveys.routes';
import { registerQuestionnaireRoutes } from './modules/surveys/waves/questionnaires.routes';
import { registerWaveRoutes } from './modules/surveys/waves/waves.routes';
import { registerSystemRoutes } from './modules/system/system.routes';
import { registerTimelineRoutes } from './modules/timeline/timeline.routes';
import { registerTmfFallback } from './modules/tmf/common/tmf.http';
import { registerOAuthRoutes } from './modules/tmf/oauth/oauth.routes';
import { registerTmf629Routes } from './modules/tmf/tmf629/tmf629.routes';
import { registerTmf632Routes } from './modules/tmf/tmf632/tmf632.routes';
import { registerTmf666Routes } from './modules/tmf/tmf666/tmf666.routes';
import { registerWarningRoutes } from './modules/warnings/warnings.routes';
import { registerAuthHook } from './platform/auth-hook';
import type { RouteDeps } from './platform/deps';
import { registerEmptyPatchGuard } from './platform/empty-patch';
import { frameworkErrorHandler, registerErrorHandler, registerNotFoundHandler } from './platform/error-handler';
import { registerHealthRoutes } from './platform/health';
import { registerRequestLogContext } from './platform/logging';
import { registerMetrics } from './platform/metrics-route';
import { registerReplicaReads } from './platform/replica-reads';
import { requestIdOf } from './platform/request-id';
import { docsContentSecurityPolicy, registerSecurityHeaders } from './platform/security-headers';
import { registerWebUi } from './platform/static-assets';

export type BuildAppOptions = { handle: DbHandle; config: AppConfig; logger?: boolean | object };

/** Builds the HTTP application: API under /api, OpenAPI at /docs, the web UI for every other path. */
export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const { handle, config } = opts;
  const app = Fastify({
    logger: opts.logger ?? false,
    // A client's x-request-id is kept only when it is a short safe id (it lands in logs and audit rows).
    genReqId: requestIdOf,
    requestIdHeader: false,
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: process.env.TRUST_PROXY === 'true',
    frameworkErrors: frameworkErrorHandler,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });

  await registerSecurityHeaders(app, { secure: config.secureCookies });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Telecom CRM API', version: '0.1.0', description: 'Customer 360, organisation and access.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'crm_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    staticCSP: docsContentSecurityPolicy(config.secureCookies),
  });

  registerAuthHook(app, { db: handle.db, sessionTtlMinutes: config.sessionTtlMinutes });
  registerEmptyPatchGuard(app);
  registerRequestLogContext(app);
  registerReplicaReads(app, { handle, secure: config.secureCookies });
  registerMetrics(app, { handle, token: config.metricsToken });
  registerIdempotencyHook(app, { db: handle.db, leaseMs: config.idempotencyLeaseMs });

  const deps: RouteDeps = { db: handle.db, handle, config };
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      schema: { tags: ['platform'], response: { 200: z.object({ status: z.literal('ok') }) } },
      config: { public: true },
    },
    async () => {
      await handle.exec('select 1');
      return { status: 'ok' as const };
    },
  );
  registerHealthRoutes(app, { handle });
  registerAuthRoutes(app, deps);
  registerOAuthRoutes(app, deps);
  registerOrgRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerApprovalRoutes(app, deps);
  registerCustomerRoutes(app, deps);
  registerBillingRoutes(app, deps);
  registerProductRoutes(app, deps);
  registerInteractionRoutes(app, deps);
  registerJobRoutes(app, deps);
  registerNotificationRoutes(app, deps);
  registerServiceDeskRoutes(app, deps);
  registerImportRoutes(app, deps);
  registerExportRoutes(app, deps);
  registerGradingRoutes(app, deps);

  registerAccountsMgmtRoutes(app, deps);
  registerEntitlementRoutes(app, deps);
  registerOpportunityRoutes(app, deps);
  registerFulfilmentRoutes(app, deps);
  registerCareRoutes(app, deps);
  registerWarningRoutes(app, deps);
  registerWorkbenchRoutes(app, deps);
  registerSurveyRoutes(app, deps);
  registerTmf629Routes(app, deps);
  registerTmf632Routes(app, deps);
  registerTmf666Routes(app, deps);
  registerKpiRoutes(app, deps);
  registerQualityRoutes(app, deps);
  registerQuestionnaireRoutes(app, deps);
  registerWaveRoutes(app, deps);
  registerSurveyAnalyticsRoutes(app, deps);
  registerDiscountRoutes(app, deps);
  registerInvestmentRoutes(app, deps);
  registerChurnModelRoutes(app, deps);
  registerChurnTerminationRoutes(app, deps);
  registerChurnRetentionRoutes(app, deps);
  registerChurnAnalysisRoutes(app, deps);
  registerChurnScreenRoutes(app, deps);
  registerTimelineRoutes(app, deps);
  registerSystemRoutes(app, deps);
  registerLoyaltyRoutes(app, deps);
  registerTmfFallback(app);
  registerCampaignRoutes(app, deps);

  const servesWebUi = await registerWebUi(app, config.webDist);
  registerNotFoundHandler(app, { spaFallback: servesWebUi });
  return app;
}
