// Compiles the server for production (`npm start`, ADR 0005): src/main.ts and everything it imports, the workspace's
// own TypeScript packages (@crm/contracts) included, into one ES module dist/main.js (with a source map; the churn
// worker thread's entry likewise into dist/churn.worker.js), the installed packages left as imports; the SQL
// migrations are copied beside it (dist/migrations). Type checking stays with `tsc --noEmit` (`npm run typecheck`);
// development (`npm run dev`), the CLI and the tests run the TypeScript through tsx. A second or so on this machine.
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const serverDir = path.resolve(import.meta.dirname, '..');
const dist = path.join(serverDir, 'dist');
rmSync(dist, { recursive: true, force: true });
const started = Date.now();
await build({
  // The churn worker thread's entry sits beside main.js, where modules/churn/churn.workers.ts looks for it.
  entryPoints: {
    main: path.join(serverDir, 'src/main.ts'),
    'churn.worker': path.join(serverDir, 'src/modules/churn/churn.worker.ts'),
  },
  outdir: dist,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // Installed packages (native addons, PGlite's wasm, files they read at run time) load from node_modules as under
  // tsx; only the repository's own workspaces are compiled in.
  plugins: [
    {
      name: 'installed-packages-external',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@crm/') ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
  logLevel: 'warning',
});
cpSync(path.join(serverDir, 'src/db/migrations'), path.join(dist, 'migrations'), { recursive: true });
console.log(`server compiled to ${path.relative(process.cwd(), dist)}/main.js in ${Date.now() - started} ms`);
