// Bundles the console (after graphql-codegen has typed its operations): one ES module and one
// stylesheet in dist/console, served by the API at /console/assets. Nothing is fetched at run time.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, 'dist', 'console');
await mkdir(out, { recursive: true });
/** What both bundles are: one minified ES module each, JSX compiled, nothing left to fetch. */
const common = { bundle: true, format: 'esm', target: 'es2022', minify: true, jsx: 'automatic', legalComments: 'none', metafile: true, logLevel: 'warning' };
const result = await build({
  ...common,
  entryPoints: [path.join(root, 'console', 'src', 'main.tsx')],
  outfile: path.join(out, 'app.js'),
  jsxImportSource: 'preact',
});
await copyFile(path.join(root, 'console', 'src', 'styles.css'), path.join(out, 'app.css'));
const kib = (r) => (Object.values(r.metafile.outputs).reduce((n, o) => n + o.bytes, 0) / 1024).toFixed(1);
console.log(`console built: dist/console/app.js (${kib(result)} KiB)`);

// GraphiQL at /graphql: React and CodeMirror 5, a bundle of its own (graphiql.js and graphiql.css, its
// fonts inlined) so that the console's pages never load it. No web workers, nothing from elsewhere.
const ide = await build({
  ...common,
  entryPoints: [path.join(root, 'console', 'graphiql', 'main.tsx')],
  outfile: path.join(out, 'graphiql.js'),
  jsxImportSource: 'react',
  // React's production build: without it the bundle carries its development checks.
  define: { 'process.env.NODE_ENV': '"production"' },
});
console.log(`GraphiQL built: dist/console/graphiql.js and graphiql.css (${kib(ide)} KiB)`);
