import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventBodyOf, eventNameOf, parseHubQuery, queryMatches, signBody } from './hub.models';

describe('TMF event hub models', () => {
  it('names events as the TMF notifications do and wraps the resource under its type', () => {
    expect(eventNameOf('troubleTicket', 'StatusChangeEvent')).toBe('TroubleTicketStatusChangeEvent');
    const body = eventBodyOf({
      eventId: 'e1',
      at: new Date('2026-12-04T08:00:00Z'),
      resourceType: 'customer',
      eventType: 'AttributeValueChangeEvent',
      resource: { id: '7' },
      fields: ['name'],
    });
    expect(body).toEqual({
      eventId: 'e1',
      eventTime: '2026-12-04T08:00:00.000Z',
      eventType: 'CustomerAttributeValueChangeEvent',
      fieldPath: 'name',
      event: { customer: { id: '7' } },
    });
  });

  it('signs the raw body with HMAC-SHA256', () => {
    const expected = createHmac('sha256', 'k').update('{"a":1}').digest('hex');
    expect(signBody('k', '{"a":1}')).toBe(`sha256=${expected}`);
  });

  it('reads a subscription query (eventType lists only) and matches full or short event names', () => {
    const q = parseHubQuery('eventType=TroubleTicketCreateEvent,DeleteEvent')!;
    expect(queryMatches(q, 'TroubleTicketCreateEvent')).toBe(true);
    expect(queryMatches(q, 'TroubleTicketDeleteEvent')).toBe(true);
    expect(queryMatches(q, 'TroubleTicketStatusChangeEvent')).toBe(false);
    expect(queryMatches(parseHubQuery(null)!, 'AnyEvent')).toBe(true);
    expect(parseHubQuery('status=closed')).toBeNull();
  });
});
