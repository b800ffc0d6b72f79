import { maskPersonalText } from '@crm/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorDetail, pgErrorOf } from './errors';

type ZodIssueLike = {
  path?: (string | number)[];
  code?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
  expected?: string;
  values?: unknown[];
};

/** The detail code and params of a zod issue: a missing value is `required`, the rest keep zod's code. */
function issueCode(issue: ZodIssueLike | undefined, message: string): Pick<ErrorDetail, 'code' | 'params'> {
  if (!issue?.code) return { code: 'invalid' };
  if (issue.code === 'invalid_type' && /received undefined|received null/.test(message)) return { code: 'required' };
  const params: Record<string, string | number> = {};
  if (issue.minimum !== undefined) params.minimum = Number(issue.minimum);
  if (issue.maximum !== undefined) params.maximum = Number(issue.maximum);
  if (issue.origin) params.origin = issue.origin;
  if (issue.format) params.format = issue.format;
  if (issue.expected) params.expected = String(issue.expected);
  if (issue.code === 'too_small' && issue.minimum === 1 && issue.origin === 'string') return { code: 'required' };
  return Object.keys(params).length ? { code: issue.code, params } : { code: issue.code };
}

function validationDetails(error: FastifyError): ErrorDetail[] {
  const context = error.validationContext ?? 'body';
  return (error.validation ?? []).map((v) => {
    // fastify-type-provider-zod puts the zod issue's code in `keyword` and its other fields in `params`
    const params = v.params as (ZodIssueLike & { issue?: ZodIssueLike }) | undefined;
    const issue = params?.issue ?? { ...params, code: v.keyword };
    const fromIssue = issue?.path?.length ? issue.path.join('.') : '';
    const fromPointer = (v.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    const path = fromIssue || fromPointer || context;
    const message = v.message ?? 'invalid';
    return { path, message, ...issueCode(issue, message) };
  });
}

/** Maps every error to `{ error: { code, message, details? } }`; 5xx never leaks internals. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      const details = error.details?.map((d) => ({ ...d, message: maskPersonalText(d.message, false) }));
      return reply.status(error.statusCode).send({
        error: { code: error.code, message: maskPersonalText(error.message, false), ...(details ? { details } : {}) },
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = validationDetails(error);
      const names = [...new Set(details.map((d) => d.path))].join(', ');
      return reply.status(400).send({
        error: { code: 'validation.invalid', message: `Invalid ${names}`, details },
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause?.issues }, 'response does not match its schema');
      return reply.status(500).send({ error: { code: 'internal', message: 'Internal server error' } });
    }
    const pg = pgErrorOf(error);
    if (pg?.code === '23505') {
      return reply.status(409).send({
        error: { code: 'conflict.duplicate', message: 'A record with the same unique value already exists' },
      });
    }
    if (pg?.code === '23503') {
      return reply.status(409).send({
        error: { code: 'conflict.reference', message: 'The record is referenced by or refers to a missing record' },
      });
    }
    if (pg?.code?.startsWith('22')) {
      // Data exceptions (a value out of range, a NUL character in text...) are the client's input, not a crash.
      return reply.status(400).send({ error: { code: 'validation.invalid', message: 'Invalid value in the request' } });
    }
    const status = error.statusCode ?? 500;
    if (status === 429) {
      return reply.status(429).send({ error: { code: 'rate_limited', message: 'Too many requests, try again later' } });
    }
    if (status >= 400 && status < 500) {
      return reply
        .status(status)
        .send({ error: { code: requestErrorCode(error.code), message: maskPersonalText(error.message, false) } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: 'Internal server error' } });
  });
}

/** Fastify's own request errors (body parsing, content type) by a namespaced code. */
const FASTIFY_ERROR_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.invalid_content_length',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.invalid_json',
  FST_ERR_BAD_URL: 'request.invalid_url',
  FST_ERR_MAX_PARAM_LENGTH: 'request.url_too_long',
};

function requestErrorCode(fastifyCode: string | undefined): string {
  return (fastifyCode && FASTIFY_ERROR_CODES[fastifyCode]) || 'request.invalid';
}

/**
 * Errors Fastify answers before routing (a path parameter over `maxParamLength`: 414, a malformed URL: 400), in the
 * same shapes as every other error: `{ error: { code, message } }`, the TM Forum Error under /tmf-api. No hook runs
 * for these, so the headers a JSON error needs are set here.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
  const code = requestErrorCode(error.code);
  const message = status === 414 ? 'A path parameter is too long' : 'The URL is not valid';
  const body = request.url.startsWith('/tmf-api/')
    ? { code, reason: message, status: String(status), '@type': 'Error' }
    : { error: { code, message } };
  reply
    .status(status)
    .header('x-request-id', request.id)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(body));
}

/**
 * Unknown routes: API paths (and non-GET requests) answer the standard 404 error; with `spaFallback` every other GET
 * serves the single-page app's index.html so client-side routes survive a reload.
 */
export function registerNotFoundHandler(app: FastifyInstance, opts: { spaFallback: boolean }): void {
  app.setNotFoundHandler((request, reply) => {
    if (opts.spaFallback && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send({
      error: { code: 'route.not_found', message: maskPersonalText(`No route ${request.method} ${request.url}`, false) },
    });
  });
}
