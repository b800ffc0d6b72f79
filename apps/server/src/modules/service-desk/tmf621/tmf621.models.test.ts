import { describe, expect, it } from 'vitest';
import { parseFields, projectFields } from '../../tmf/common/tmf.query';
import { parseTroubleTicketQuery, ticketIdOf } from './tmf621.filters';
import {
  channelOf,
  customerIdOf,
  internalSeverityOf,
  internalTypeOf,
  productIdOf,
  severityOf,
  type TicketView,
  ticketTypeOf,
  toTroubleTicket,
} from './tmf621.models';

describe('TMF621 mapping', () => {
  it('reads ticket types, severities and channels in our words and the usual TM Forum ones', () => {
    expect(ticketTypeOf('Fault Report')).toBe('fault_report');
    expect(ticketTypeOf('incident')).toBe('fault_report');
    expect(ticketTypeOf('Bill Dispute')).toBe('complaint');
    expect(ticketTypeOf('service-request')).toBe('service_order');
    expect(ticketTypeOf('teleportation')).toBeNull();
    expect(severityOf('Urgent')).toBe('critical');
    expect(severityOf('MAJOR')).toBe('major');
    expect(severityOf('')).toBeNull();
    expect(channelOf({ id: '8774', name: 'self service' })).toBe('web');
    expect(channelOf({ id: 'wechat' })).toBe('wechat');
    expect(channelOf({ id: 'pigeon' })).toBeNull();
  });

  it('finds the customer and the product among related parties and entities', () => {
    expect(
      customerIdOf([
        { id: '9', role: 'member' },
        { id: '12', role: 'Customer' },
      ]),
    ).toBe(12);
    expect(customerIdOf([{ id: '12', '@referredType': 'Customer' }])).toBe(12);
    expect(customerIdOf([{ id: 'C-12', role: 'customer' }])).toBeNull();
    expect(customerIdOf([{ id: '99999999999', role: 'customer' }])).toBeNull();
    expect(productIdOf(undefined)).toBeUndefined();
    expect(productIdOf([{ id: '7', '@referredType': 'Product' }])).toBe(7);
    expect(productIdOf([{ id: 'x', '@referredType': 'Product' }])).toBeNull();
  });

  const at = new Date('2025-11-10T02:00:00Z');
  const view: TicketView = {
    id: 5,
    ticketNo: 'TT00000005',
    type: 'complaint',
    channel: 'phone',
    status: 'pending',
    severity: 'minor',
    priority: 3,
    title: '账单有误',
    description: '上月账单多收费',
    externalId: null,
    customerId: 12,
    customerName: '孙七',
    clientTicketType: null,
    clientSeverity: null,
    ownerId: 4,
    ownerName: 'agent1',
    productInstanceId: null,
    serviceNumber: null,
    createdAt: at,
    updatedAt: at,
    statusChangedAt: at,
    statusReason: '等待客户提供账单',
    requestedResolutionAt: null,
    resolutionDueAt: null,
    resolvedAt: null,
    events: [
      { id: 1, at, kind: 'created', actorName: 'agent1', toStatus: 'acknowledged', text: '账单有误' },
      { id: 2, at, kind: 'note', actorName: 'agent1', toStatus: null, text: '客户来电' },
      { id: 3, at, kind: 'status', actorName: 'agent1', toStatus: 'pending', text: '等待客户提供账单' },
    ],
    attachments: [],
  };

  it('maps a ticket to a TroubleTicket, leaving unknown attributes out', () => {
    const tt = toTroubleTicket(view);
    expect(tt).toMatchObject({
      id: '5',
      href: '/tmf-api/troubleTicket/v4/troubleTicket/5',
      severity: 'Minor',
      priority: '3',
      statusChangeReason: '等待客户提供账单',
      note: [{ id: '2', text: '客户来电', author: 'agent1', date: at.toISOString() }],
      statusChange: [
        { status: 'acknowledged', changeDate: at.toISOString() },
        { status: 'pending', changeReason: '等待客户提供账单' },
      ],
      relatedEntity: [],
    });
    expect(tt.statusChange?.[0]).not.toHaveProperty('changeReason');
    expect(tt.characteristic).toContainEqual(
      expect.objectContaining({ name: 'internalTicketType', value: 'complaint' }),
    );
    expect(tt).not.toHaveProperty('externalId');
    expect(tt).not.toHaveProperty('expectedResolutionDate');
    expect(projectFields(tt, parseFields('status, note.text'))).toEqual({
      id: '5',
      href: tt.href,
      '@type': 'TroubleTicket',
      status: 'pending',
      note: tt.note,
    });
  });

  it('returns the ticket type and severity the client sent, and an unidentified caller has no customer party', () => {
    const tt = toTroubleTicket({
      ...view,
      clientTicketType: 'Bill Dispute',
      clientSeverity: 'Urgent',
      customerId: null,
      customerName: null,
    });
    expect(tt).toMatchObject({ ticketType: 'Bill Dispute', severity: 'Urgent' });
    expect(tt.relatedParty.map((p) => p.role)).toEqual(['firstContactOwner']);
  });

  it('classifies any client ticket type and severity (unknown words: a fault report, minor)', () => {
    expect(internalTypeOf('teleportation')).toBe('fault_report');
    expect(internalTypeOf('Bill Dispute')).toBe('complaint');
    expect(internalSeverityOf('whenever')).toBe('minor');
  });
});

describe('TMF621 list query', () => {
  it('parses filters, comma lists as alternatives, and date comparisons', () => {
    const q = parseTroubleTicketQuery({
      status: 'acknowledged,inProgress',
      severity: 'Urgent',
      'creationDate.gte': '2026-01-01T00:00:00Z',
      offset: '5',
      limit: '10',
      fields: 'status',
    });
    expect(q).toMatchObject({ offset: 5, limit: 10, fields: ['status'], matchesNothing: false });
    expect(q.filter).toMatchObject({ statuses: ['acknowledged', 'inProgress'], clientSeverities: ['Urgent'] });
    expect(q.filter.dates).toEqual([{ column: 'createdAt', op: 'gte', at: new Date('2026-01-01T00:00:00Z') }]);
  });

  it('refuses an unsupported filter or a malformed value, naming the parameter', () => {
    expect(() => parseTroubleTicketQuery({ colour: 'red' })).toThrow(/colour/);
    expect(() => parseTroubleTicketQuery({ 'creationDate.gte': 'yesterday' })).toThrow(/creationDate/);
    expect(() => parseTroubleTicketQuery({ limit: '0' })).toThrow(/limit/);
  });

  it('answers an id no ticket can have, or an unknown status, with an empty page', () => {
    expect(parseTroubleTicketQuery({ id: '123456789012' }).matchesNothing).toBe(true);
    expect(parseTroubleTicketQuery({ status: 'Submitted' }).matchesNothing).toBe(true);
    expect(ticketIdOf('/tmf-api/troubleTicket/v4/troubleTicket/42')).toBe(42);
    expect(parseTroubleTicketQuery({ 'relatedParty.id': 'abc' }).matchesNothing).toBe(true);
  });

  it('maps the shared conventions: priority ranges, expected resolution, channel, parties and sort', () => {
    const q = parseTroubleTicketQuery({
      'priority.gte': '3',
      'expectedResolutionDate.lt': '2026-02-01',
      'channel.name': 'phone,web',
      'relatedParty.id': '7',
      'relatedEntity.id': '9',
      statusChangeReason: '重复工单',
      externalId: 'EXT-1,EXT-2',
      sort: '-creationDate,name',
    });
    expect(q.filter).toMatchObject({
      priorityBounds: [{ op: 'gte', value: 3 }],
      dates: [{ column: 'resolutionDueAt', op: 'lt', at: new Date('2026-02-01T00:00:00+08:00') }],
      channels: ['phone', 'web'],
      relatedPartyIds: [7],
      productInstanceIds: [9],
      statusReasons: ['重复工单'],
      externalIds: ['EXT-1,EXT-2', 'EXT-1', 'EXT-2'],
      sort: [
        { column: 'createdAt', desc: true },
        { column: 'title', desc: false },
      ],
    });
    expect(q.limit).toBe(20);
    expect(() => parseTroubleTicketQuery({ sort: 'colour' })).toThrow(/sort/);
    expect(() => parseTroubleTicketQuery({ 'name.gt': 'a' })).toThrow(/name\.gt/);
    expect(() => parseTroubleTicketQuery({ creationDate: '2026-01-01,2026-01-02' })).toThrow(/creationDate/);
  });
});
