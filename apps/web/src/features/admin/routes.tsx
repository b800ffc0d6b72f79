import { ApartmentOutlined, AuditOutlined, UserOutlined } from '@ant-design/icons';
import { lazyPage } from '../../components/Lazy';
import type { FeatureRoute } from '../types';

export const featureRoutes: FeatureRoute[] = [
  {
    path: '/admin/users',
    element: lazyPage(() => import('./UsersPage'), 'UsersPage'),
    menu: { labelKey: 'menu.users', icon: <UserOutlined />, order: 900 },
    permission: 'users.manage',
  },
  {
    path: '/admin/org',
    element: lazyPage(() => import('./OrgTreePage'), 'OrgTreePage'),
    menu: { labelKey: 'menu.org', icon: <ApartmentOutlined />, order: 910 },
    permission: 'org.manage',
  },
  {
    path: '/admin/audit',
    element: lazyPage(() => import('./AuditLogPage'), 'AuditLogPage'),
    menu: { labelKey: 'menu.audit', icon: <AuditOutlined />, order: 920 },
    permission: 'audit.read',
  },
];
