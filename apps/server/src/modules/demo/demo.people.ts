// Contacts (decision chains) and interactions of the demo customers.
import type { Batch } from './demo.batch';
import { contactTitles, hotlineTopics, visitTopics } from './demo.dictionaries';
import { addDays } from './demo.models';
import { interests } from './demo.names';
import { pad, weighted } from './demo.random';
import type { CityPlan, GenState } from './demo.state';

export type ContactRole = 'decision_maker' | 'technical_lead' | 'finance' | 'procurement' | 'user' | 'influencer';
export type ContactRef = { name: string; title: string };

const attitude = weighted([
  ['supporter', 35],
  ['neutral', 40],
  ['opponent', 10],
  ['unknown', 15],
] as const);

export type ContactSpec = {
  role: ContactRole;
  name?: string;
  title?: string;
  male?: boolean;
  attitude?: 'supporter' | 'neutral' | 'opponent' | 'unknown';
  notes?: string;
};

/** Adds contacts of an organisation; returns their names and titles (for interaction summaries). */
export function addContacts(
  st: GenState,
  b: Batch,
  c: { customerId: number; city: CityPlan; domain: string; officePhone: string; govStyle: boolean; created: string },
  specs: ContactSpec[],
): ContactRef[] {
  const r = st.rng;
  const refs: ContactRef[] = [];
  for (const s of specs) {
    const male = s.male ?? r.chance(0.62);
    const person = st.personName(male);
    const name = s.name ?? person.name;
    const title = s.title ?? r.pick(contactTitles[s.role][c.govStyle ? 1 : 0]);
    const picks = new Set([r.pick(interests), r.pick(interests)]);
    b.contacts.push({
      customer_id: c.customerId,
      name,
      title,
      mobile: r.chance(0.5) ? st.ownMobile() : st.otherMobile(),
      phone: c.officePhone,
      email: `${person.pinyin}${r.chance(0.3) ? r.int(1, 99) : ''}@${c.domain}`,
      birthday: `${r.int(1960, 1995)}-${pad(r.int(1, 12), 2)}-${pad(r.int(1, 28), 2)}`,
      interests: [...picks].join('、'),
      decision_role: s.role,
      attitude: s.attitude ?? attitude(r),
      notes: s.notes ?? null,
      _created: c.created,
    });
    refs.push({ name, title });
  }
  return refs;
}

/** The decision chain of a key account: the four key roles, then some users and influencers. */
export function decisionChain(st: GenState): ContactSpec[] {
  const roles: ContactRole[] = ['decision_maker', 'technical_lead', 'finance', 'procurement'];
  for (let i = st.rng.int(0, 3); i > 0; i--) roles.push(st.rng.pick(['user', 'influencer', 'user'] as const));
  return roles.map((role) => ({ role }));
}

const channel = weighted([
  ['visit', 45],
  ['phone', 38],
  ['wechat', 12],
  ['email', 5],
] as const);

/** A timestamp in the last `days` days (office hours, Asia/Shanghai). */
export function recentTimestamp(st: GenState, days: number): string {
  const date = addDays(st.plan.today, -st.rng.int(1, days));
  return `${date}T${pad(st.rng.int(9, 17), 2)}:${pad(st.rng.int(0, 59), 2)}:00+08:00`;
}

/** Visits and calls of the account manager over the last year. */
export function addKeyAccountInteractions(
  st: GenState,
  b: Batch,
  customerId: number,
  userId: number,
  contacts: ContactRef[],
  count: number,
): void {
  const r = st.rng;
  for (let i = 0; i < count; i++) {
    const ch = channel(r);
    const who = contacts.length ? r.pick(contacts) : null;
    const topic = r.pick(visitTopics);
    const summary =
      ch === 'visit'
        ? `上门拜访${who ? `${who.title}${who.name}` : '客户'}，沟通${topic}`
        : ch === 'phone'
          ? `电话联系${who ? who.name : '客户'}，跟进${topic}`
          : ch === 'wechat'
            ? `微信跟进${topic}`
            : `邮件发送${topic}资料`;
    b.interactions.push({
      customer_id: customerId,
      channel: ch,
      direction: ch === 'phone' && r.chance(0.25) ? 'inbound' : 'outbound',
      summary,
      user_id: userId,
      occurred_at: recentTimestamp(st, 365),
    });
  }
}

/** A call to the hotline (10000) handled by an agent. */
export function addHotlineCall(st: GenState, b: Batch, customerId: number, agentId: number): void {
  b.interactions.push({
    customer_id: customerId,
    channel: st.rng.chance(0.85) ? 'phone' : 'counter',
    direction: 'inbound',
    summary: `客户来电：${st.rng.pick(hotlineTopics)}，已解答`,
    user_id: agentId,
    occurred_at: recentTimestamp(st, 365),
  });
}
