/** @jsxRuntime automatic */
/** @jsxImportSource react */
// Renders every antd and ProComponents component the app can show, with the app's own theme and layout token
// (src/theme.ts), into one cssinjs cache on the server side, and prints the styles as one CSS file on stdout.
//
// Why: antd 5 writes its styles in the browser at first render (CSS-in-JS). On this machine that cost over a second
// of CPU on every first visit. A stylesheet that carries the styles *and* the cache-path map
// (`.data-ant-cssinjs-cache-path`) makes @ant-design/cssinjs skip generating and injecting every style it finds there
// (its documented whole-export mode); anything missing from the catalogue is still generated at run time, so a gap
// costs speed, never looks.
//
// Run by the build (scripts/static-antd-styles.ts) with NODE_ENV=production, so class hashes are the production
// ones (`css-…`, not `css-dev-only-…`). A component that fails to render here is reported on stderr and skipped.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCache, extractStyle, StyleProvider } from '@ant-design/cssinjs';
import {
  DrawerForm,
  ModalForm,
  PageContainer,
  ProCard,
  ProDescriptions,
  ProForm,
  ProFormDatePicker,
  ProFormDateRangePicker,
  ProFormDigit,
  ProFormSelect,
  ProFormText,
  ProFormTextArea,
  ProLayout,
  ProList,
  ProTable,
  StatisticCard,
} from '@ant-design/pro-components';
import * as antd from 'antd';
import zhCN from 'antd/locale/zh_CN';
import type { ComponentType, ReactElement, ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { antdTheme, layoutToken } from '../src/theme';

const here = path.dirname(fileURLToPath(import.meta.url));
type AnyComponent = ComponentType<Record<string, unknown>>;
const {
  App,
  Button,
  Calendar,
  Card,
  Checkbox,
  ConfigProvider,
  DatePicker,
  Descriptions,
  Form,
  Input,
  List,
  Radio,
  Select,
  Skeleton,
  Space,
  Statistic,
  Steps,
  Table,
  Tabs,
  Tag,
  Timeline,
  Tree,
  Typography,
} = antd;

const columns = [
  { title: 'a', dataIndex: 'a', key: 'a', sorter: true, filters: [{ text: 'x', value: 'x' }], ellipsis: true },
  { title: 'b', dataIndex: 'b', key: 'b', fixed: 'right' as const, width: 80 },
];
const rows = [
  { key: 1, a: 'x', b: 1 },
  { key: 2, a: 'y', b: 2 },
];
const options = [
  { label: 'x', value: 'x' },
  { label: 'y', value: 'y' },
];

/** Components whose styles register only with some props or children; rendered as the app uses them. */
const shaped: Record<string, ReactElement> = {
  Affix: (
    <antd.Affix>
      <div />
    </antd.Affix>
  ),
  Dropdown: (
    <antd.Dropdown menu={{ items: [{ key: 'a', label: 'a' }] }}>
      <span />
    </antd.Dropdown>
  ),
  Menu: <antd.Menu items={[{ key: 'a', label: 'a', children: [{ key: 'b', label: 'b' }] }]} />,
  QRCode: <antd.QRCode value="crm" />,
  Tree: <Tree treeData={[{ key: 'a', title: 'a', children: [{ key: 'b', title: 'b' }] }]} defaultExpandAll />,
  Table: (
    <Table
      columns={columns}
      dataSource={rows}
      rowSelection={{}}
      size="small"
      bordered
      pagination={{ total: 50, showSizeChanger: true, showQuickJumper: true }}
      expandable={{ expandedRowRender: () => 'x' }}
      scroll={{ x: 600 }}
      summary={() => <Table.Summary.Row />}
    />
  ),
  Tabs: <Tabs items={[{ key: 'a', label: 'a', children: 'a' }]} type="card" />,
  Steps: <Steps current={1} items={[{ title: 'a' }, { title: 'b' }]} size="small" progressDot />,
  Timeline: <Timeline items={[{ children: 'a' }, { children: 'b', color: 'red' }]} />,
  Descriptions: <Descriptions bordered size="small" items={[{ key: 'a', label: 'a', children: 'a' }]} />,
  List: <List dataSource={['a']} renderItem={(x) => <List.Item actions={[x]}>{x}</List.Item>} />,
  Form: (
    <Form layout="vertical">
      <Form.Item label="a" name="a" required help="a" validateStatus="error" hasFeedback>
        <Input />
      </Form.Item>
    </Form>
  ),
  Calendar: <Calendar fullscreen={false} />,
  Card: (
    <Card title="a" extra="b" size="small" tabList={[{ key: 'a', tab: 'a' }]} actions={['a']} loading={false}>
      <Card.Meta title="a" description="b" />
      <Card.Grid>a</Card.Grid>
    </Card>
  ),
  Select: <Select options={options} mode="multiple" allowClear showSearch />,
  Statistic: (
    <>
      <Statistic title="a" value={1} />
      <Statistic.Countdown value={0} />
    </>
  ),
};

/** More shapes of common components: sub-components with their own style paths. */
const extras: ReactNode[] = [
  <Typography.Title key="t" level={4} copyable ellipsis>
    a
  </Typography.Title>,
  <Typography.Paragraph key="p" ellipsis={{ rows: 2, expandable: true }}>
    a
  </Typography.Paragraph>,
  <Typography.Text key="tx" type="secondary" code>
    a
  </Typography.Text>,
  <Typography.Link key="l">a</Typography.Link>,
  <Input.TextArea key="ta" showCount maxLength={10} autoSize />,
  <Input.Search key="s" enterButton allowClear />,
  <Input.Password key="pw" />,
  <Input key="ia" addonBefore="a" prefix="b" suffix="c" allowClear />,
  <antd.InputNumber key="in" addonAfter="元" />,
  <Space.Compact key="sc">
    <Input />
    <Button>a</Button>
  </Space.Compact>,
  <Button.Group key="bg">
    <Button type="primary">a</Button>
    <Button danger type="link" icon={<span />} loading>
      b
    </Button>
  </Button.Group>,
  <Checkbox.Group key="cg" options={options} />,
  <Radio.Group key="rg" options={options} optionType="button" buttonStyle="solid" />,
  ...['blue', 'green', 'red', 'orange', 'gold', 'purple', 'cyan', 'geekblue', 'magenta', 'volcano', 'lime'].map((c) => (
    <Tag key={c} color={c}>
      {c}
    </Tag>
  )),
  ...['success', 'processing', 'error', 'warning', 'default'].map((c) => (
    <Tag key={c} color={c}>
      {c}
    </Tag>
  )),
  <Tag.CheckableTag key="ct" checked>
    a
  </Tag.CheckableTag>,
  <antd.Badge.Ribbon key="br" text="a">
    <div />
  </antd.Badge.Ribbon>,
  <antd.Badge key="bd" count={5} status="processing" />,
  <Skeleton.Button key="sb" active />,
  <Skeleton.Input key="si" active />,
  <Skeleton key="sk" active avatar paragraph={{ rows: 2 }} />,
  <DatePicker.RangePicker key="rp" />,
  <antd.Upload.Dragger key="ud" fileList={[{ uid: '1', name: 'a.xlsx', status: 'done' }]} />,
  <antd.Upload key="up" listType="picture-card" fileList={[{ uid: '1', name: 'a.png', status: 'uploading' }]} />,
  <antd.Progress key="pc" type="circle" percent={50} />,
  <antd.Progress key="pd" type="dashboard" percent={50} steps={5} />,
  <antd.Empty key="es" image={antd.Empty.PRESENTED_IMAGE_SIMPLE} />,
  <antd.Alert key="ab" banner showIcon closable message="a" description="b" action={<Button size="small" />} />,
  <antd.Result key="rs" status="404" title="a" />,
  <antd.Result key="r4" status="403" title="a" />,
  <antd.Spin key="sp" tip="a">
    <div />
  </antd.Spin>,
  <antd.TreeSelect key="ts" treeData={[{ value: 'a', title: 'a' }]} treeCheckable />,
  <antd.Layout key="ly">
    <antd.Layout.Header />
    <antd.Layout.Sider />
    <antd.Layout.Content />
    <antd.Layout.Footer />
  </antd.Layout>,
  <antd.Collapse key="co" items={[{ key: 'a', label: 'a', children: 'a' }]} />,
  <antd.Image key="im" src="data:," preview={false} />,
  <antd.Rate key="ra" value={3} disabled />,
  <antd.Switch key="sw" size="small" checkedChildren="a" />,
  <antd.Segmented key="sg" options={['a', 'b']} block />,
];

/** ProComponents as the pages use them (inside the layout, so they see its token). */
const proComponents: ReactNode[] = [
  <ProTable
    key="pt"
    columns={[{ title: 'a', dataIndex: 'a', valueType: 'text' }]}
    dataSource={rows}
    search={{ labelWidth: 'auto' }}
    rowSelection={{}}
    toolBarRender={() => [<Button key="b">a</Button>]}
    pagination={{ pageSize: 20 }}
  />,
  <ProTable key="pt2" columns={[{ title: 'a', dataIndex: 'a' }]} dataSource={rows} search={false} options={false} />,
  <ProCard key="pc" title="a" split="vertical" bordered headerBordered collapsible tabs={{ items: [] }}>
    <ProCard colSpan={12}>a</ProCard>
  </ProCard>,
  <StatisticCard key="sc" statistic={{ title: 'a', value: 1, trend: 'up', description: 'b' }} chart="c" />,
  <StatisticCard.Group key="sg" direction="row">
    <StatisticCard statistic={{ title: 'a', value: 1 }} />
    <StatisticCard.Divider />
  </StatisticCard.Group>,
  <ProDescriptions key="pd" column={2} dataSource={{ a: 'a' }} columns={[{ title: 'a', dataIndex: 'a' }]} />,
  <ProList key="pl" dataSource={rows} metas={{ title: { dataIndex: 'a' } }} />,
  <ProForm key="pf" submitter={{ searchConfig: { submitText: 'a' } }}>
    <ProFormText name="a" label="a" />
    <ProFormSelect name="b" label="b" options={options} />
    <ProFormDigit name="c" label="c" />
    <ProFormDatePicker name="d" label="d" />
    <ProFormDateRangePicker name="e" label="e" />
    <ProFormTextArea name="f" label="f" />
  </ProForm>,
  <ModalForm key="mf" open trigger={<Button>a</Button>}>
    <ProFormText name="a" />
  </ModalForm>,
  <DrawerForm key="df" open trigger={<Button>a</Button>}>
    <ProFormText name="a" />
  </DrawerForm>,
];

/** The antd components the app imports (`import { … } from 'antd'` in src), so the file follows the code. */
function antdComponentsInUse(): string[] {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name))
        for (const m of readFileSync(full, 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*'antd'/g))
          for (const part of m[1]?.split(',') ?? []) {
            const name = part
              .replace(/\btype\b/, '')
              .split(/\s+as\s+/)[0]
              ?.trim();
            if (name && /^[A-Z]/.test(name)) names.add(name);
          }
    }
  };
  walk(path.join(here, '../src'));
  return [...names].sort();
}

function catalogue(): ReactElement[] {
  const all: ReactElement[] = [];
  const exports = antd as unknown as Record<string, unknown>;
  for (const name of antdComponentsInUse()) {
    const value = exports[name];
    if (name === 'ConfigProvider' || name === 'App') continue;
    if (shaped[name]) all.push(shaped[name]);
    else if (typeof value === 'function' || (typeof value === 'object' && value && '$$typeof' in value)) {
      const Comp = value as AnyComponent;
      all.push(<Comp />);
    }
  }
  // message and notification render in a holder only when called; antd exports a panel of each for this use. (The
  // panels of popups such as Select or Tooltip wrap their own theme, so their styles would not match the app's.)
  for (const Panel of [antd.message, antd.notification].map(
    (api) =>
      (api as unknown as { _InternalPanelDoNotUseOrYouWillBeFired: AnyComponent })
        ._InternalPanelDoNotUseOrYouWillBeFired,
  ))
    all.push(<Panel />);
  all.push(...(extras as ReactElement[]), ...(proComponents as ReactElement[]));
  return all;
}

/** What the shell's header shows (actions, bell, language switch, avatar menu); the header has its own theme. */
const headerParts: ReactNode = (
  <>
    <Space>
      <Typography.Text>a</Typography.Text>
      <antd.Badge count={1} size="small">
        <Button type="text" />
      </antd.Badge>
      <antd.Popover content="a" />
      <antd.Tooltip title="a" />
      <antd.Segmented options={['a', 'b']} size="small" />
      <antd.Avatar size="small" />
      <Tag bordered={false} color="blue">
        a
      </Tag>
      <antd.Dropdown menu={{ items: [{ key: 'a', label: 'a' }] }}>
        <span />
      </antd.Dropdown>
      <antd.List size="small" dataSource={['a']} renderItem={(x) => <List.Item>{x}</List.Item>} />
      <antd.Empty image={antd.Empty.PRESENTED_IMAGE_SIMPLE} />
    </Space>
  </>
);

/** The app's own tree around a page: ConfigProvider, App, the shell's ProLayout (header, menu) and a PageContainer. */
function inApp(page: ReactNode, header: ReactNode = null, state: { loading?: boolean } = {}): ReactElement {
  return (
    <ConfigProvider locale={zhCN} theme={antdTheme}>
      <App>
        <ProLayout
          title="crm"
          layout="mix"
          fixSiderbar
          fixedHeader
          siderWidth={208}
          route={{ path: '/', routes: [{ path: '/a', key: '/a', name: 'a', icon: <span /> }] }}
          location={{ pathname: '/a' }}
          selectedKeys={['/a']}
          menu={{ loading: state.loading }}
          token={layoutToken}
          actionsRender={() => [<span key="a">{header}</span>]}
          avatarProps={{ size: 'small', title: header ?? 'a', render: (_p: unknown, dom: ReactNode) => dom }}
        >
          <PageContainer loading={state.loading} title="a" breadcrumb={{ items: [{ title: 'a' }, { title: 'b' }] }}>
            {page}
          </PageContainer>
        </ProLayout>
      </App>
    </ConfigProvider>
  );
}

function main(): void {
  const cache = createCache();
  const failed: string[] = [];
  const render = (tree: ReactElement) => renderToString(<StyleProvider cache={cache}>{tree}</StyleProvider>);
  // One render per component, so one that cannot render on the server does not hide the others.
  for (const [i, node] of catalogue().entries()) {
    try {
      render(inApp(node));
    } catch (e) {
      failed.push(`#${i}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  render(inApp(null, headerParts));
  render(inApp(null, null, { loading: true }));
  if (failed.length) process.stderr.write(`antd style catalogue: skipped ${failed.length}\n  ${failed.join('\n  ')}\n`);
  if (process.env.CATALOG_SIZES) {
    const sizes = [...cache.cache.entries()]
      .map(([key, [, value]]) => [key, String((value as unknown[])[0] ?? '').length] as const)
      .sort((a, b) => b[1] - a[1]);
    for (const [key, size] of sizes) process.stderr.write(`${size}\t${key}\n`);
  }
  process.stdout.write(extractStyle(cache, { plain: true }));
}

main();
