import { describe, expect, it } from 'vitest';
import { toTmfError } from './tmf.http';

describe('TMF error body', () => {
  it('reshapes our error into { code, reason, message, status, @type } with the fields named in message', () => {
    const ours = {
      error: { code: 'validation.invalid', message: 'Invalid name', details: [{ path: 'name', message: 'Required' }] },
    };
    expect(toTmfError(400, ours)).toEqual({
      code: 'validation.invalid',
      reason: 'Invalid name',
      message: 'name: Required',
      status: '400',
      details: [{ path: 'name', message: 'Required' }],
      '@type': 'Error',
    });
    expect(toTmfError(404, { error: { code: 'x.not_found', message: 'X not found' } })).toEqual({
      code: 'x.not_found',
      reason: 'X not found',
      message: 'X not found',
      status: '404',
      '@type': 'Error',
    });
  });

  it('leaves successful bodies alone', () => {
    const body = { id: '1', error: 'not an error body' };
    expect(toTmfError(200, body)).toBe(body);
  });
});
