// Bundles the console (after graphql-codegen has typed its operations): one ES module and one
// stylesheet in dist/console, served by the API at /console/assets. Nothing is fetched at run time.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, 'dist', 'console');
await mkdir(out, { recursive: true });
const result = await build({
  entryPoints: [path.join(root, 'console', 'src', 'main.tsx')],
  outfile: path.join(out, 'app.js'),
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
await copyFile(path.join(root, 'console', 'src', 'styles.css'), path.join(out, 'app.css'));
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`console built: dist/console/app.js (${(bytes / 1024).toFixed(1)} KiB)`);
