import {
  AuditOutlined,
  BellOutlined,
  BookOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  HeatMapOutlined,
  PhoneOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import { lazyPage } from '../../components/Lazy';
import type { FeatureRoute } from '../types';

const page = (name: string, load: () => Promise<Record<string, unknown>>) => lazyPage(load, name);

export const featureRoutes: FeatureRoute[] = [
  {
    path: '/service-desk/hotline',
    element: page('HotlinePage', () => import('./HotlinePage')),
    menu: { labelKey: 'menu.sd.hotline', icon: <CustomerServiceOutlined />, order: 30 },
    permission: 'tickets.write',
  },
  {
    path: '/service-desk/queue',
    element: page('QueuePage', () => import('./QueuePage')),
    menu: { labelKey: 'menu.sd.queue', icon: <PhoneOutlined />, order: 31 },
    permission: 'tickets.write',
  },
  {
    path: '/service-desk/tickets',
    element: page('TicketsPage', () => import('./TicketsPage')),
    menu: { labelKey: 'menu.sd.tickets', icon: <FileTextOutlined />, order: 32 },
    permission: 'tickets.read',
  },
  {
    path: '/service-desk/tickets/:id',
    element: page('TicketDetailPage', () => import('./TicketDetailPage')),
    permission: 'tickets.read',
  },
  {
    path: '/service-desk/work-orders',
    element: page('WorkOrdersPage', () => import('./WorkOrdersPage')),
    menu: { labelKey: 'menu.sd.workOrders', icon: <ToolOutlined />, order: 33 },
    permission: 'workorders.write',
  },
  {
    path: '/service-desk/commitments',
    element: page('CommitmentsPage', () => import('./CommitmentsPage')),
    menu: { labelKey: 'menu.sd.commitments', icon: <AuditOutlined />, order: 34 },
    permission: 'tickets.read',
  },
  {
    path: '/service-desk/kb',
    element: page('KbPage', () => import('./KbPage')),
    menu: { labelKey: 'menu.sd.kb', icon: <BookOutlined />, order: 35 },
    permission: 'tickets.read',
  },
  {
    path: '/service-desk/reports/hotspots',
    element: page('HotspotsPage', () => import('./HotspotsPage')),
    menu: { labelKey: 'menu.sd.hotspots', icon: <HeatMapOutlined />, order: 36 },
    permission: 'service.reports',
  },
  {
    path: '/service-desk/reports/sla',
    element: page('SlaReportPage', () => import('./SlaReportPage')),
    menu: { labelKey: 'menu.sd.slaReport', icon: <DashboardOutlined />, order: 37 },
    permission: 'service.reports',
  },
  {
    path: '/service-desk/sla',
    element: page('SlaAdminPage', () => import('./SlaAdminPage')),
    menu: { labelKey: 'menu.sd.slaAdmin', icon: <FieldTimeOutlined />, order: 38 },
    permission: 'sla.manage',
  },
  {
    path: '/notifications',
    element: page('NotificationsPage', () => import('./NotificationsPage')),
    menu: { labelKey: 'menu.sd.notifications', icon: <BellOutlined />, order: 90 },
  },
];
