import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Cache policy of the built web app: files under /assets/ carry a content hash in their name and never change
 * (cached for a year); index.html and the other files are revalidated on every visit so a deploy shows at once.
 */
export function cacheControlFor(webDist: string, filePath: string): string {
  return path.relative(webDist, filePath).split(path.sep)[0] === 'assets' ? IMMUTABLE : 'no-cache';
}

/**
 * Serves the built single-page app's files; unknown non-API paths get index.html (see registerNotFoundHandler).
 * The build writes .br and .gz beside each file (apps/web/scripts/precompress.mjs): they are sent as they are to
 * clients that accept them, with no compression work per request.
 */
export async function registerWebUi(app: FastifyInstance, webDist: string): Promise<boolean> {
  if (!existsSync(path.join(webDist, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: webDist,
    wildcard: false,
    preCompressed: true,
    globIgnore: ['**/*.br', '**/*.gz'],
    cacheControl: false,
    setHeaders: (res, filePath) => {
      res.setHeader('cache-control', cacheControlFor(webDist, filePath));
      res.setHeader('vary', 'accept-encoding');
    },
  });
  return true;
}
