import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export type QuestionType =
  | 'recommend'
  | 'csat'
  | 'attribute'
  | 'expectation_pair'
  | 'rating'
  | 'single_choice'
  | 'multiple_choice'
  | 'text';
export type Question = {
  code: string;
  type: QuestionType;
  zh: string;
  en: string;
  required?: boolean;
  options?: { code: string; zh: string; en: string; dissatisfied?: boolean }[];
  attribute?: string;
  /** The ECSI construct the question measures in the PLS model (image, expectation, quality, value ...). */
  construct?: string;
};
export type Questionnaire = {
  id: number;
  code: string;
  version: number;
  kind: 'callback' | 'ka_quarterly' | 'external';
  status: 'draft' | 'published' | 'retired';
  titleZh: string;
  titleEn: string;
  questions: Question[];
  createdAt: string;
  publishedAt: string | null;
};
export type WaveFigures = {
  members: number;
  answered: number;
  refused: number;
  nonResponse: number;
  pending: number;
  attempts: number;
  responseRate: number;
};
export type Wave = {
  id: number;
  name: string;
  questionnaireId: number;
  quarter: string;
  orgUnitId: number;
  sampling: 'all' | 'stratified';
  samplePct: number | null;
  status: 'open' | 'closed';
  createdAt: string;
  closedAt: string | null;
  figures: WaveFigures;
};
export type WaveDetail = Wave & {
  questionnaire: Questionnaire;
  indices: { csatN: number; csatMean: number; csatTopTwoBox: number; npsN: number; nps: number };
};
export type WaveMember = {
  id: number;
  customerId: number;
  customerNo: string;
  customerName: string;
  phone: string | null;
  tier: string | null;
  assigneeId: number | null;
  assigneeName: string | null;
  status: 'pending' | 'answered' | 'refused' | 'non_response';
  source: 'sample' | 'import';
  attempts: number;
  lastOutcome: string | null;
  lastAttemptAt: string | null;
};
export type ImportReport = {
  committed: boolean;
  headers: string[];
  mapping: Record<string, string>;
  respondentKeyColumn: string;
  customerNoColumn: string;
  targets: string[];
  rows: number;
  valid: number;
  badRows: number;
  inserts: number;
  updates: number;
  unchanged: number;
  problems: { row: number; column: string; message: string }[];
  problemsTotal: number;
};

export const wavesApi = {
  questionnaires: () => api.get<Questionnaire[]>('/api/surveys/questionnaires'),
  createQuestionnaire: (body: Omit<Questionnaire, 'id' | 'version' | 'status' | 'createdAt' | 'publishedAt'>) =>
    api.post<Questionnaire>('/api/surveys/questionnaires', body),
  updateQuestionnaire: (id: number, body: Partial<Questionnaire>) =>
    api.patch<Questionnaire>(`/api/surveys/questionnaires/${id}`, body),
  publish: (id: number) => api.post<Questionnaire>(`/api/surveys/questionnaires/${id}/publish`),
  newVersion: (id: number) => api.post<Questionnaire>(`/api/surveys/questionnaires/${id}/versions`),
  waves: () => api.get<Wave[]>('/api/surveys/waves'),
  wave: (id: number) => api.get<WaveDetail>(`/api/surveys/waves/${id}`),
  createWave: (body: Record<string, unknown>) => api.post<Wave>('/api/surveys/waves', body),
  closeWave: (id: number) => api.post<Wave>(`/api/surveys/waves/${id}/close`),
  members: (id: number, mine: boolean) =>
    api.get<WaveMember[]>(`/api/surveys/waves/${id}/members`, { mine: mine ? 'true' : 'false' }),
  recordCall: (waveId: number, memberId: number, body: Record<string, unknown>) =>
    api.post(`/api/surveys/waves/${waveId}/members/${memberId}/calls`, body),
  importFile: (waveId: number, body: Record<string, unknown>) =>
    api.post<ImportReport>(`/api/surveys/waves/${waveId}/imports`, body),
};

export const useQuestionnaires = () =>
  useQuery({ queryKey: ['surveys', 'questionnaires'], queryFn: wavesApi.questionnaires });
export const useWaves = () => useQuery({ queryKey: ['surveys', 'waves'], queryFn: wavesApi.waves });
export const useWave = (id: number) =>
  useQuery({ queryKey: ['surveys', 'waves', id], queryFn: () => wavesApi.wave(id) });
export const useWaveMembers = (id: number, mine: boolean) =>
  useQuery({ queryKey: ['surveys', 'waves', id, 'members', mine], queryFn: () => wavesApi.members(id, mine) });
