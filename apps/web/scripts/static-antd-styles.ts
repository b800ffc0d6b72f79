// Vite plugin (build only): antd's styles as a static, hashed stylesheet instead of CSS-in-JS generated in the
// browser at first render. It runs the style catalogue (antd-style-catalog.tsx) in a child process with
// NODE_ENV=production, emits its output as `assets/antd-<hash>.css` and links it at the top of index.html's head, where
// antd's runtime styles would have been inserted, so the app's own stylesheet still comes after it.
// The dev server keeps runtime styles: its class names carry the dev-only hash prefix.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export function staticAntdStyles(): Plugin {
  let fileName = '';
  return {
    name: 'crm-static-antd-styles',
    apply: 'build',
    buildStart() {
      const css = execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'antd-style-catalog.tsx')], {
        cwd: path.join(here, '..'),
        env: { ...process.env, NODE_ENV: 'production' },
        maxBuffer: 64 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'inherit'],
      }).toString('utf8');
      if (!css.includes('data-ant-cssinjs-cache-path')) this.error('the antd style catalogue printed no cache map');
      fileName = `assets/antd-${createHash('sha256').update(css).digest('hex').slice(0, 10)}.css`;
      this.emitFile({ type: 'asset', fileName, source: css });
    },
    transformIndexHtml: {
      order: 'post',
      // Right after the charset, before the module script and the app's own stylesheet.
      handler: (html) =>
        html.replace(/(<meta charset="[^"]*"\s*\/?>)/i, `$1\n    <link rel="stylesheet" href="/${fileName}" />`),
    },
  };
}
