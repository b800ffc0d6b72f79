// The look of the app in one place: the antd theme given to ConfigProvider and the ProLayout token. The build renders
// every component with exactly these values to extract their styles ahead of time (scripts/antd-style-catalog.tsx),
// so a style change here reaches the browser through the build, never through a second copy.
import type { ThemeConfig } from 'antd';

/** Brand colour and compact density tuned for data-heavy back-office pages. */
export const antdTheme: ThemeConfig = {
  token: {
    colorPrimary: '#1456f0',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
};

/** The shell's ProLayout token: a white header and menu, the selected item in the brand's light blue. */
export const layoutToken = {
  header: { colorBgHeader: '#ffffff' },
  sider: { colorMenuBackground: '#ffffff', colorBgMenuItemSelected: '#e8efff' },
  pageContainer: { paddingBlockPageContainerContent: 16, paddingInlinePageContainerContent: 24 },
};
