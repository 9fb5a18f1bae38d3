import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');
const cliEntry = path.join(root, 'dist', 'src', 'cli', 'index.js');

/** `npm run build`, as `npm run cli`, `npm run import` and `npm start` run it first (their pre-scripts). */
const build = () => run('npm', ['run', '--silent', 'build', '--', '--verbose'], { cwd: root, env: process.env, maxBuffer: 10_000_000 });

// The commands build before they run; once the build is current they must not compile again.
test('a second build with nothing changed compiles nothing: npm run cli starts at once', async () => {
  await build();
  const before = statSync(cliEntry).mtimeMs;

  const again = await build();

  expect(`${again.stdout}${again.stderr}`).toMatch(/is up to date/);
  expect(statSync(cliEntry).mtimeMs).toBe(before);
}, 180_000);
