import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * The layering rules of .dependency-cruiser.cjs (and .dependency-cruiser-runtime.cjs) bite: `npm run lint` runs them on the real tree, and
 * this runs them on a small tree of the same layout, first clean (no violation), then with one
 * forbidden import per rule injected, each of which must be reported under its rule. Before issue 21
 * the configuration excluded node_modules, so a pure module importing typeorm passed unseen.
 */
const ROOT = path.join(__dirname, '..', '..');
const run = promisify(execFile);

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** Writes `files` (path → source) into a fresh tree beside the project's node_modules and configurations; cruises src and jobs with `config`. */
async function violationsIn(files: Record<string, string>, config = '.dependency-cruiser.cjs'): Promise<Violation[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dependency-rules-'));
  try {
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    // The project's rules, with the linked node_modules seen where the project's own is (node_modules/…).
    cpSync(path.join(ROOT, '.dependency-cruiser.cjs'), path.join(dir, 'project-rules.cjs'));
    writeFileSync(path.join(dir, '.dependency-cruiser.cjs'),
      `const rules = require('./project-rules.cjs');\nmodule.exports = { ...rules, options: { ...rules.options, preserveSymlinks: true } };\n`);
    // The run-time rules build on the configuration above, as in the project.
    cpSync(path.join(ROOT, '.dependency-cruiser-runtime.cjs'), path.join(dir, '.dependency-cruiser-runtime.cjs'));
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', moduleResolution: 'node', esModuleInterop: true } }));
    for (const [file, source] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), source);
    }
    const cli = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
    // Exit status is the number of errors: read the report, whatever it is.
    const { stdout } = await run(process.execPath, [cli, 'src', 'jobs', '--config', config, '--output-type', 'json'], { cwd: dir })
      .catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
    return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A tree with one module of each kind the rules speak of, importing only what they may. */
const CLEAN: Record<string, string> = {
  'src/sla/sla-calculator.ts': `import { addDays } from '../calendar/local-date';\nexport const next = (d: string) => addDays(d);\n`,
  'src/calendar/local-date.ts': `export const addDays = (d: string) => d;\n`,
  'src/calendar/working-calendar.ts': `export const holidays: string[] = [];\n`,
  'src/things/thing.service.ts': `import { DataSource } from 'typeorm';\nexport const source = DataSource;\n`,
  'src/things/thing.resolver.ts': `import { Resolver } from 'type-graphql';\nimport { source } from './thing.service';\nexport const parts = [Resolver, source];\n`,
  'src/a.ts': `import { b } from './b';\nexport const a = () => b;\n`,
  'src/b.ts': `export const b = 1;\n`,
  'jobs/main.ts': `import { a } from '../src/a';\nexport const main = a;\n`,
};

test('the rules pass a tree that keeps them', async () => {
  expect(await violationsIn(CLEAN)).toEqual([]);
});

test('each rule reports an import injected against it, npm packages and Node built-ins included', async () => {
  const violations = await violationsIn({
    ...CLEAN,
    // A pure module with a database library and a file read.
    'src/sla/sla-calculator.ts': `import 'typeorm';\nimport { addDays } from '../calendar/local-date';\nexport const next = (d: string) => addDays(d);\n`,
    'src/calendar/working-calendar.ts': `import { readFileSync } from 'node:fs';\nexport const holidays = () => readFileSync('holidays.txt', 'utf8');\n`,
    // A service with GraphQL libraries, and an API input class taken for its type.
    'src/things/thing.service.ts': `import { Field } from 'type-graphql';\nimport { GraphQLError } from 'graphql';\nimport type { ThingInput } from './thing.types';\nexport const parts = [Field, GraphQLError];\nexport const take = (input: ThingInput) => input;\n`,
    'src/things/thing.types.ts': `export class ThingInput { name!: string; }\n`,
    // An entity with a GraphQL decorator.
    'src/things/thing.entity.ts': `import { ObjectType } from 'type-graphql';\n@ObjectType()\nexport class Thing {}\n`,
    // A cycle, and src reaching into the worker's side.
    'src/b.ts': `import { a } from './a';\nimport { main } from '../jobs/main';\nexport const b = [a, main];\n`,
  });
  const found = violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to.replace(/^node_modules\/((?:@[^/]+\/)?[^/]+)\/.*$/, '$1')}`);
  expect(found).toEqual(expect.arrayContaining([
    'pure-parts-do-no-io: src/sla/sla-calculator.ts → typeorm',
    expect.stringMatching(/^pure-parts-do-no-io: src\/calendar\/working-calendar\.ts → (node:)?fs$/),
    'services-know-no-graphql: src/things/thing.service.ts → type-graphql',
    'services-know-no-graphql: src/things/thing.service.ts → graphql',
    'entities-know-no-graphql: src/things/thing.entity.ts → type-graphql',
    'services-know-no-graphql: src/things/thing.service.ts → src/things/thing.types.ts',
    'src-never-imports-jobs: src/b.ts → jobs/main.ts',
    expect.stringMatching(/^no-cycles: src\/(a|b)\.ts → src\/(a|b)\.ts$/),
  ]));
});

test('a service that loads GraphQL at run time, through an entity, is reported; a type-only import, which vanishes when compiled, is not', async () => {
  const files = {
    ...CLEAN,
    'src/things/thing.entity.ts': `import { Field, ObjectType } from 'type-graphql';\n@ObjectType()\nexport class Thing { @Field() name!: string; }\n`,
    'src/things/thing.service.ts': `import { Thing } from './thing.entity';\nexport const make = () => new Thing();\n`,
    'src/others/other.types.ts': `import { Field, ObjectType } from 'type-graphql';\n@ObjectType()\nexport class Other { @Field() name!: string; }\n`,
    'src/others/other.service.ts': `import type { Other } from './other.types';\nexport const nameOf = (o: Other) => o.name;\n`,
  };
  const violations = await violationsIn(files, '.dependency-cruiser-runtime.cjs');
  // One violation for each GraphQL module reached; all of them from the service that loads the entity.
  expect(violations.length).toBeGreaterThan(0);
  expect(new Set(violations.map((v) => `${v.rule.name}: ${v.from}`))).toEqual(new Set(['services-reach-no-graphql: src/things/thing.service.ts']));
  // Without the entity's GraphQL, the same service passes.
  expect(await violationsIn({ ...files, 'src/things/thing.entity.ts': 'export class Thing { name!: string; }\n' }, '.dependency-cruiser-runtime.cjs')).toEqual([]);
});
