// Channels that carry a survey to the customer (SMS, IVR, an agent's phone call) behind one interface. The product
// ships the local simulator: it records what would be sent, so nothing leaves the machine in tests or the demo.
// A real SMS gateway or IVR platform plugs in with `setSurveyChannel` and answers through the signed webhook.

export type OutboundSurvey = {
  invitationId: number;
  token: string;
  channel: 'sms' | 'ivr' | 'agent_call';
  phone: string | null;
  titleZh: string;
  questions: { code: string; zh: string }[];
};

export type SurveyChannel = {
  name: string;
  /** Delivers the survey; returns the channel's message id. Throwing makes the send job retry. */
  send: (survey: OutboundSurvey) => Promise<{ messageId: string }>;
};

const outbox: OutboundSurvey[] = [];

/** The local simulator: keeps every survey it was asked to send (newest last). */
export const simulatorChannel: SurveyChannel = {
  name: 'simulator',
  send: async (survey) => {
    outbox.push(survey);
    return { messageId: `sim-${survey.invitationId}` };
  },
};

let current: SurveyChannel = simulatorChannel;

export const surveyChannel = () => current;
export function setSurveyChannel(channel: SurveyChannel): void {
  current = channel;
}

/** What the simulator sent (tests and the demo read it). */
export const simulatedOutbox = (): readonly OutboundSurvey[] => outbox;
