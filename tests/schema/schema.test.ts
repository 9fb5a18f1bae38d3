import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, findBreakingChanges, isObjectType } from 'graphql';
import { allowedRoles } from '../../src/graphql/access';
import { buildAppSchema, printAppSchema } from '../../src/graphql/schema';

const root = path.join(__dirname, '..', '..');

test('schema/schema.graphql is what the code emits (run `npm run schema:emit` after changing the API)', async () => {
  const committed = readFileSync(path.join(root, 'schema', 'schema.graphql'), 'utf8');
  expect(printAppSchema(await buildAppSchema())).toBe(committed);
});

test('the emitted schema keeps every type, field, argument and value of the public contract', () => {
  const contract = buildSchema(readFileSync(path.join(root, 'schema', 'contract.graphql'), 'utf8'));
  const emitted = buildSchema(readFileSync(path.join(root, 'schema', 'schema.graphql'), 'utf8'));
  expect(findBreakingChanges(contract, emitted).map((b) => `${b.type}: ${b.description}`)).toEqual([]);
});

test('the contract check notices a break (it is not vacuous)', () => {
  const contract = buildSchema(readFileSync(path.join(root, 'schema', 'contract.graphql'), 'utf8'));
  const broken = buildSchema(
    // The field and its description, if it has one.
    readFileSync(path.join(root, 'schema', 'schema.graphql'), 'utf8').replace(/\n(  """(?:(?!""")[\s\S])*"""\n)?  addWorkingDays\(.*\n/, '\n'),
  );
  expect(findBreakingChanges(contract, broken).length).toBeGreaterThan(0);
});

test('every query and mutation declares the roles that may call it', async () => {
  const schema = await buildAppSchema();
  const undeclared: string[] = [];
  let operations = 0;
  for (const typeName of ['Query', 'Mutation']) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    for (const field of Object.keys(type.getFields())) {
      operations += 1;
      const roles = allowedRoles(schema, typeName, field);
      if (!roles || roles.length === 0) undeclared.push(`${typeName}.${field}`);
    }
  }
  expect(operations).toBeGreaterThan(30);
  expect(undeclared).toEqual([]);
});
