import { FormOutlined, LikeOutlined, PhoneOutlined, TeamOutlined } from '@ant-design/icons';
import { lazyPage } from '../../components/Lazy';
import type { FeatureRoute } from '../types';

export const featureRoutes: FeatureRoute[] = [
  {
    path: '/surveys',
    element: lazyPage(() => import('./SatisfactionPage'), 'SatisfactionPage'),
    menu: { labelKey: 'menu.surveys.dashboard', icon: <LikeOutlined />, order: 39 },
    permission: 'surveys.read',
  },
  {
    // Follow-ups belong to the ticket's first-contact owner (the link of the dissatisfaction alert).
    path: '/surveys/followups',
    element: lazyPage(() => import('./FollowupsPage'), 'FollowupsPage'),
    menu: { labelKey: 'menu.surveys.followups', icon: <PhoneOutlined />, order: 39.5 },
    permission: 'tickets.write',
  },
  {
    path: '/surveys/questionnaires',
    element: lazyPage(() => import('./QuestionnairesPage'), 'QuestionnairesPage'),
    menu: { labelKey: 'menu.surveys.questionnaires', icon: <FormOutlined />, order: 39.6 },
    permission: 'surveys.manage',
  },
  {
    path: '/surveys/waves',
    element: lazyPage(() => import('./WavesPage'), 'WavesPage'),
    menu: { labelKey: 'menu.surveys.waves', icon: <TeamOutlined />, order: 39.7 },
    // Readers of satisfaction (marketing, managers) see the waves and their figures; creating, calling, importing and
    // closing stay with the quality department (surveys.manage), as on the server.
    permission: 'surveys.read',
  },
  {
    path: '/surveys/waves/:id',
    element: lazyPage(() => import('./WaveDetailPage'), 'WaveDetailPage'),
    permission: 'surveys.read',
  },
];
