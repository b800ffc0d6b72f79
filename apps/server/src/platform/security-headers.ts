import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/** Directives shared by the web app and the API documentation: same-origin everything, never framed. */
const baseDirectives = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  // Ant Design (CSS-in-JS) and Swagger UI inject <style> elements and style attributes at run time.
  styleSrc: ["'self'", "'unsafe-inline'"],
};

/**
 * The Content-Security-Policy of the web app and the API (helmet's directive names). `upgrade-insecure-requests` only
 * behind HTTPS: on a plain-HTTP intranet address it would send the app's own requests to a port that is not there.
 */
export function contentSecurityPolicy(secure: boolean): Record<string, string[] | null> {
  return { ...baseDirectives, upgradeInsecureRequests: secure ? [] : null };
}

/** The same policy as one header value, for Swagger UI at /docs (which sets its own header on its pages). */
export function docsContentSecurityPolicy(secure: boolean): string {
  return Object.entries(contentSecurityPolicy(secure))
    .filter((entry): entry is [string, string[]] => entry[1] !== null)
    .map(([name, values]) => [name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), ...values].join(' '))
    .join('; ');
}

/**
 * Security headers on every response (helmet): CSP, frame-ancestors 'none' + X-Frame-Options DENY, nosniff,
 * Referrer-Policy no-referrer, HSTS only behind HTTPS (`SECURE_COOKIES=true`). API responses carry personal data and
 * are never stored by browsers or proxies (`Cache-Control: no-store` unless a route chose its own caching: a route's
 * own header, set later, replaces it).
 *
 * helmet's middleware is built once here and applied in one synchronous hook. (`@fastify/helmet` built the whole
 * middleware, directives parsed, on every request: 3% of the hotline lookup's CPU.)
 */
export async function registerSecurityHeaders(app: FastifyInstance, opts: { secure: boolean }): Promise<void> {
  const applyHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(opts.secure) },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: opts.secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    applyHeaders(request.raw, reply.raw, (err?: unknown) => {
      if (err) return done(err as Error);
      if (isApiUrl(request.url)) reply.header('cache-control', 'no-store');
      done();
    });
  });
}

function isApiUrl(url: string): boolean {
  return url.startsWith('/api/') || url.startsWith('/tmf-api/');
}
