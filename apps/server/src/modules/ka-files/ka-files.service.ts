import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { notFound } from '../../platform/errors';

/**
 * Files of the key-account modules (building plans, signed confirmations) live on disk under the data directory,
 * named by a random key: a user-given file name never becomes a path. `KA_FILES_DIR` overrides the location.
 */
export const filesDirOf = (config: { dataDir: string }) =>
  process.env.KA_FILES_DIR || path.join(config.dataDir, 'ka-files');

const KEY = /^[0-9a-f]{2}\/[0-9a-f-]{36}$/;

export async function storeFile(opts: { dir: string; bytes: Buffer }) {
  const id = randomUUID();
  const storageKey = `${id.slice(0, 2)}/${id}`;
  const full = path.join(opts.dir, storageKey);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, opts.bytes, { flag: 'wx', mode: 0o640 });
  return { storageKey, sha256: createHash('sha256').update(opts.bytes).digest('hex'), sizeBytes: opts.bytes.length };
}

export async function readStoredFile(opts: { dir: string; storageKey: string }): Promise<Buffer> {
  if (!KEY.test(opts.storageKey)) throw notFound('attachments.not_found', 'Attachment not found');
  try {
    return await readFile(path.join(opts.dir, opts.storageKey));
  } catch {
    throw notFound('attachments.not_found', 'Attachment not found');
  }
}

/** Deletes stored files (keys that are not storage keys are ignored; a missing file is no error). */
export async function removeStoredFiles(opts: { dir: string; storageKeys: string[] }): Promise<void> {
  for (const key of opts.storageKeys) if (KEY.test(key)) await rm(path.join(opts.dir, key), { force: true });
}

/**
 * The `.catch` of the transaction that records files already stored: when it fails (refused, out of scope, a
 * conflict...) the stored files are deleted again, so a refused upload leaves nothing on disk; then it rethrows.
 */
export const dropStoredFilesOnError =
  (dir: string, storageKeys: () => string[]) =>
  async (err: unknown): Promise<never> => {
    await removeStoredFiles({ dir, storageKeys: storageKeys() }).catch(() => {});
    throw err;
  };
