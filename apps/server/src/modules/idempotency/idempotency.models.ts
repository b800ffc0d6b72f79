import { createHash } from 'node:crypto';

/** What a request carrying an Idempotency-Key does when the key already has a row. */
export type KeyOutcome =
  | { kind: 'key_reused' }
  | { kind: 'replay'; statusCode: number; body: unknown }
  | { kind: 'rebuild'; entity: string | null; entityId: string | null }
  | { kind: 'take_over' }
  | { kind: 'in_progress' };

export const PENDING = 0;

/** What makes two requests the same: method, URL and the validated body. */
export const requestHashOf = (method: string, url: string, body: unknown) =>
  createHash('sha256')
    .update(`${method} ${url}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');

/**
 * Decides the fate of a retry: another body is refused; a stored response is replayed; a key whose attempt committed
 * but never stored its response has it rebuilt from the record; a pending key older than the lease (its attempt died
 * before committing) is taken over and runs again; a younger pending key is still in progress.
 */
export function outcomeOfKey(
  row: {
    requestHash: string;
    statusCode: number;
    responseBody: unknown;
    committed: boolean;
    entity: string | null;
    entityId: string | null;
    claimedAt: Date;
  },
  requestHash: string,
  opts: { now: Date; leaseMs: number },
): KeyOutcome {
  if (row.requestHash !== requestHash) return { kind: 'key_reused' };
  if (row.statusCode !== PENDING) return { kind: 'replay', statusCode: row.statusCode, body: row.responseBody };
  if (row.committed) return { kind: 'rebuild', entity: row.entity, entityId: row.entityId };
  if (opts.now.getTime() - row.claimedAt.getTime() >= opts.leaseMs) return { kind: 'take_over' };
  return { kind: 'in_progress' };
}

/** The success status a route answers with: its lowest 2xx response code, 200 when it declares none. */
export function successStatusOf(responseCodes: readonly string[]): number {
  const codes = responseCodes
    .map(Number)
    .filter((c) => c >= 200 && c < 300)
    .sort((a, b) => a - b);
  return codes[0] ?? 200;
}

/** The least a rebuilt response carries: the created record's id (a number when it is one). */
export function idBodyOf(entityId: string | null): { id: number | string } | null {
  if (entityId === null) return null;
  return { id: /^\d+$/.test(entityId) ? Number(entityId) : entityId };
}
