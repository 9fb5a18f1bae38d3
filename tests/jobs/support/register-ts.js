/**
 * Lets a child `node` run the TypeScript sources as they are (there is no ts-node, and jest's
 * transformer only serves jest's own process): `node -r ./tests/jobs/support/register-ts.js x.ts`.
 * Each file is transpiled alone, as ts-jest does here (type-checking is `npm run typecheck`'s
 * job), and cached on disk by content, so that only the first child pays for loading TypeScript.
 */
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..', '..');
const tsconfigText = fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8');
const tsVersion = require('typescript/package.json').version;
const cacheDir = path.join(os.tmpdir(), 'sec-tracker-ts-cache');
let compilerOptions;

function transpile(source, filename) {
  const ts = require('typescript');
  if (!compilerOptions) {
    const { config } = ts.parseConfigFileTextToJson('tsconfig.json', tsconfigText);
    const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, root);
    compilerOptions = { ...options, module: ts.ModuleKind.CommonJS, sourceMap: false, inlineSourceMap: true, inlineSources: true };
  }
  return ts.transpileModule(source, { compilerOptions, fileName: filename }).outputText;
}

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha1').update(`${tsVersion}\0${tsconfigText}\0${filename}\0${source}`).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let output;
  try {
    output = fs.readFileSync(cached, 'utf8');
  } catch {
    output = transpile(source, filename);
    fs.mkdirSync(cacheDir, { recursive: true });
    // Written, then renamed: children starting together never read half a file.
    const temp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(temp, output);
    fs.renameSync(temp, cached);
  }
  module._compile(output, filename);
};
