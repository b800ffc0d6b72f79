import { CloudUploadOutlined, HistoryOutlined } from '@ant-design/icons';
import { lazyPage } from '../../components/Lazy';
import type { FeatureRoute } from '../types';

export const featureRoutes: FeatureRoute[] = [
  {
    path: '/imports',
    element: lazyPage(() => import('./ImportWizardPage'), 'ImportWizardPage'),
    menu: { labelKey: 'menu.imports', icon: <CloudUploadOutlined />, order: 800 },
    permission: 'data.import',
  },
  {
    path: '/imports/history',
    element: lazyPage(() => import('./ImportHistoryPage'), 'ImportHistoryPage'),
    menu: { labelKey: 'menu.importHistory', icon: <HistoryOutlined />, order: 810 },
    permission: 'data.import',
  },
  {
    path: '/imports/:id',
    element: lazyPage(() => import('./ImportWizardPage'), 'ImportWizardPage'),
    permission: 'data.import',
  },
];
