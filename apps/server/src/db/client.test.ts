import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from './client';

describe('the embedded database lock', () => {
  it('refuses a second process while the owner runs, and takes over a lock its dead owner left', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'crm-lock-')), 'pglite');
    const release = lockDataDir(dir);
    // The parent of the test runner is alive and is not us: it stands for another server holding the lock.
    writeFileSync(`${dir}.lock`, String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(/in use by process/);
    writeFileSync(`${dir}.lock`, '999999999');
    const again = lockDataDir(dir);
    again();
    release();
  });
});
