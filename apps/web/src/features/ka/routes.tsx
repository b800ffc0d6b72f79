import {
  AlertOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  FundProjectionScreenOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
} from '@ant-design/icons';
import { lazyPage } from '../../components/Lazy';
import type { FeatureRoute } from '../types';
import { prefetchWorkbench } from './api';

const page = (name: string, load: () => Promise<Record<string, unknown>>) => lazyPage(load, name);

export const featureRoutes: FeatureRoute[] = [
  {
    path: '/workbench',
    element: page('WorkbenchPage', () => import('./WorkbenchPage')),
    menu: { labelKey: 'menu.ka.workbench', icon: <DashboardOutlined />, order: 5 },
    permission: 'ka.write',
    prefetch: (_params, queryClient) => prefetchWorkbench(queryClient),
  },
  {
    path: '/tasks',
    element: page('TasksPage', () => import('./TasksPage')),
    menu: { labelKey: 'menu.ka.tasks', icon: <CheckSquareOutlined />, order: 5.5 },
    permission: 'ka.read',
  },
  {
    path: '/ka/pipeline',
    element: page('PipelinePage', () => import('./PipelinePage')),
    menu: { labelKey: 'menu.ka.pipeline', icon: <FundProjectionScreenOutlined />, order: 6 },
    permission: 'ka.read',
  },
  {
    path: '/ka/opportunities/:id',
    element: page('OpportunityPage', () => import('./OpportunityPage')),
    permission: 'ka.read',
  },
  {
    path: '/ka/orders',
    element: page('OrdersPage', () => import('./OrdersPage')),
    menu: { labelKey: 'menu.ka.orders', icon: <ScheduleOutlined />, order: 7 },
    permission: 'ka.read',
  },
  {
    path: '/ka/orders/:id',
    element: page('OrderPage', () => import('./OrderPage')),
    permission: 'ka.read',
  },
  {
    path: '/ka/calendar',
    element: page('CalendarPage', () => import('./CalendarPage')),
    menu: { labelKey: 'menu.ka.calendar', icon: <CalendarOutlined />, order: 8 },
    permission: 'ka.write',
  },
  {
    path: '/ka/warnings',
    element: page('WarningsPage', () => import('./WarningsPage')),
    menu: { labelKey: 'menu.ka.warnings', icon: <AlertOutlined />, order: 9 },
    permission: 'ka.read',
  },
  {
    path: '/ka/accounts/:id',
    element: page('AccountPage', () => import('./AccountPage')),
    permission: 'ka.read',
  },
  {
    path: '/ka/entitlements',
    element: page('EntitlementCatalogPage', () => import('./EntitlementCatalogPage')),
    menu: { labelKey: 'menu.ka.entitlements', icon: <SafetyCertificateOutlined />, order: 9.5 },
    permission: 'ka.read',
  },
];
