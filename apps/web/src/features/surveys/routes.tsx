import { LikeOutlined, PhoneOutlined } from '@ant-design/icons';
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
];
