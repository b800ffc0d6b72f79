import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestApp } from '../test/test-app';
import { invalidField, requiredField } from './errors';

// A 400 names each invalid field with a machine reason (`required`, `too_big`...) and its limits, so the web app
// shows a localised message next to the field instead of the server's English.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('validation error details', () => {
  it('marks a missing field as required and a too long one with its maximum', async () => {
    const missing = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'am1' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details).toEqual([expect.objectContaining({ path: 'password', code: 'required' })]);
    const am1 = await loginAs(t.app, 'am1');
    const long = await t.app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: am1.headers,
      payload: { name: 'x'.repeat(1000), category: 'business' },
    });
    expect(long.statusCode).toBe(400);
    const name = long.json().error.details.find((d: { path: string }) => d.path === 'name');
    expect(name).toMatchObject({ code: 'too_big', params: { maximum: expect.any(Number) } });
  });

  it('lets a service name a required field by its path (the written confirmation document)', () => {
    expect(requiredField('confirmation.document', 'required for a document').details).toEqual([
      { path: 'confirmation.document', message: 'required for a document', code: 'required' },
    ]);
    expect(invalidField('mobile', 'not a mobile number').details).toEqual([
      { path: 'mobile', message: 'not a mobile number' },
    ]);
  });
});
