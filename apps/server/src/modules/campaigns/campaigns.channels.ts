// Marketing channels (SMS, email, WeChat) behind one interface. The product ships the local simulator: it records
// what would be sent, so nothing leaves the machine in tests or the demo. A real gateway plugs in with
// `setMarketingChannel`. Outbound calls and AM visits are tasks of people, not channel sends.

export type MarketingMessage = {
  campaignId: number;
  customerId: number;
  channel: 'sms' | 'email' | 'wechat';
  /** Mobile number or e-mail address; null when the customer has none (the send is simulated anyway). */
  address: string | null;
  text: string;
};

export type MarketingChannel = {
  name: string;
  /** Delivers a batch; returns the channel's message ids. Throwing makes the dispatch job retry (sends are idempotent
   * per campaign and customer: a sent member is never sent again). */
  sendBatch: (messages: MarketingMessage[]) => Promise<{ messageIds: string[] }>;
};

const outbox: MarketingMessage[] = [];

export const simulatorMarketingChannel: MarketingChannel = {
  name: 'simulator',
  sendBatch: async (messages) => {
    outbox.push(...messages);
    return { messageIds: messages.map((m) => `sim-${m.campaignId}-${m.customerId}`) };
  },
};

let current: MarketingChannel = simulatorMarketingChannel;
export const marketingChannel = () => current;
export function setMarketingChannel(channel: MarketingChannel): void {
  current = channel;
}

/** What the simulator sent (tests and the demo read it). */
export const simulatedMarketingOutbox = (): readonly MarketingMessage[] => outbox;
