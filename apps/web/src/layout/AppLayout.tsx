import { ApartmentOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { ProLayout } from '@ant-design/pro-components';
import { Dropdown, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useOrgUnitName } from '../api/shared';
import { useAuth } from '../auth';
import { menuRoutes } from '../features';
import { NotificationBell } from '../features/service-desk/NotificationBell';
import { enumLabel, useLocale, useT } from '../i18n';
import { layoutToken } from '../theme';
import { LanguageSwitch } from './LanguageSwitch';
import { Logo } from './Logo';
import { PreparationNotice } from './PreparationNotice';

/**
 * The signed-in shell: side menu from the feature routes; org unit, notification bell, language, user / logout in the
 * header.
 */
export function AppLayout() {
  const t = useT();
  // English menu labels ("Investment evaluation", "Entitlement catalogue") need a wider menu than Chinese ones.
  const { locale } = useLocale();
  const { user, can, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const orgName = useOrgUnitName();

  const route = useMemo(
    () => ({
      path: '/',
      routes: menuRoutes
        .filter((r) => !r.permission || can(r.permission))
        .map((r) => ({ path: r.path, key: r.path, name: t(r.menu.labelKey), icon: r.menu.icon })),
    }),
    [t, can],
  );

  // The menu entry whose path is the longest prefix of the current path ('/customers/12' -> '/customers').
  const selectedKeys = useMemo(() => {
    const match = route.routes
      .filter((r) => location.pathname === r.path || location.pathname.startsWith(`${r.path}/`))
      .sort((a, b) => b.path.length - a.path.length)[0];
    return match ? [match.path] : [];
  }, [route, location.pathname]);

  const onLogout = async () => {
    await logout();
    navigate('/login', { replace: true });
  };

  return (
    <ProLayout
      title={t('app.shortTitle')}
      logo={<Logo />}
      layout="mix"
      fixSiderbar
      fixedHeader
      siderWidth={locale === 'en' ? 236 : 208}
      route={route}
      location={{ pathname: location.pathname }}
      selectedKeys={selectedKeys}
      onMenuHeaderClick={() => navigate('/')}
      menuItemRender={(item, dom) => (item.path ? <Link to={item.path}>{dom}</Link> : dom)}
      pageTitleRender={(_props, defaultTitle) =>
        defaultTitle ? `${defaultTitle} - ${t('app.title')}` : t('app.title')
      }
      token={layoutToken}
      actionsRender={() => [
        user ? (
          <Space key="org" size={4} className="crm-header-org">
            <ApartmentOutlined />
            <Typography.Text>{orgName(user.orgUnitId, user.orgUnitName)}</Typography.Text>
          </Space>
        ) : null,
        user ? <NotificationBell key="bell" /> : null,
        <LanguageSwitch key="lang" />,
      ]}
      avatarProps={
        user
          ? {
              icon: <UserOutlined />,
              size: 'small',
              style: { backgroundColor: '#1456f0' },
              title: (
                <Space size={6}>
                  <span data-testid="header-user">{user.displayName}</span>
                  <Tag bordered={false} color="blue" style={{ marginInlineEnd: 0 }}>
                    {enumLabel(t, 'role', user.role)}
                  </Tag>
                </Space>
              ),
              render: (_props, dom) => (
                <Dropdown
                  menu={{
                    items: [{ key: 'logout', icon: <LogoutOutlined />, label: t('layout.logout') }],
                    onClick: ({ key }) => {
                      if (key === 'logout') void onLogout();
                    },
                  }}
                >
                  {dom}
                </Dropdown>
              ),
            }
          : undefined
      }
    >
      <PreparationNotice />
      <Outlet />
    </ProLayout>
  );
}
