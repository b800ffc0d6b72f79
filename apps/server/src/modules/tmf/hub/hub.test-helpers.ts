// A hub subscriber for tests: a node:http listener on 127.0.0.1 that checks the HMAC signature of each notification,
// records it and answers `answer` (settable to simulate an outage).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER, signBody } from './hub.models';

export type HubEvent = {
  eventId: string;
  eventType: string;
  fieldPath?: string;
  event: Record<string, Record<string, unknown>>;
};

export type TestListener = {
  url: string;
  /** the subscription's secret, set after POST /hub */
  secret: string;
  answer: number;
  /** every notification received (signed and answered with 2xx: ok) */
  received: { body: HubEvent; ok: boolean }[];
  accepted: () => HubEvent[];
  stop: () => Promise<void>;
};

export async function startTestListener(): Promise<TestListener> {
  let server: Server;
  const listener: TestListener = {
    url: '',
    secret: '',
    answer: 200,
    received: [],
    accepted: () => listener.received.filter((r) => r.ok).map((r) => r.body),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const signed = req.headers[SIGNATURE_HEADER] === signBody(listener.secret, raw);
      listener.received.push({ body: JSON.parse(raw), ok: signed && listener.answer < 300 });
      res.statusCode = signed ? listener.answer : 401;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  listener.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/listener`;
  return listener;
}
