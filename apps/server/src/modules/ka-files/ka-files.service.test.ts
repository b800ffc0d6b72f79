import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dropStoredFilesOnError, removeStoredFiles, storeFile } from './ka-files.service';

const dir = mkdtempSync(path.join(tmpdir(), 'ka-files-'));

describe('stored files of refused uploads', () => {
  it('deletes the files a failed transaction would have recorded, and passes the error on', async () => {
    const a = await storeFile({ dir, bytes: Buffer.from('%PDF-1.4 a') });
    const b = await storeFile({ dir, bytes: Buffer.from('%PDF-1.4 b') });
    const refused = Promise.reject(new Error('ticket is closed')).catch(
      dropStoredFilesOnError(dir, () => [a.storageKey, b.storageKey]),
    );
    await expect(refused).rejects.toThrow('ticket is closed');
    expect(existsSync(path.join(dir, a.storageKey))).toBe(false);
    expect(existsSync(path.join(dir, b.storageKey))).toBe(false);
  });

  it('keeps the files of a transaction that succeeded and never deletes outside the storage keys', async () => {
    const kept = await storeFile({ dir, bytes: Buffer.from('%PDF-1.4 kept') });
    await Promise.resolve('ok').catch(dropStoredFilesOnError(dir, () => [kept.storageKey]));
    expect(existsSync(path.join(dir, kept.storageKey))).toBe(true);
    await removeStoredFiles({ dir, storageKeys: ['../../etc/passwd', '../x'] });
    expect(existsSync(path.join(dir, kept.storageKey))).toBe(true);
  });
});
