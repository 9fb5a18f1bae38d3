import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema, findBreakingChanges, type GraphQLSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isSpecifiedScalarType,
} from 'graphql';
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
    readFileSync(path.join(root, 'schema', 'schema.graphql'), 'utf8').replace(/\n(  """(?:(?!""")[\s\S])*"""\n)?  addWorkingDays\((?:[^)]|\)(?!:))*\): [^\n]*\n/, '\n'),
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

/** Every type, field, argument and enum value the schema holds that says nothing of itself. */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    if (!type.description?.trim()) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
  }
  return missing;
}

test('the API explains itself: every type, field, argument and enum value has a description', async () => {
  const schema = await buildAppSchema();
  expect(undescribed(schema)).toEqual([]);
  // Not vacuous: the same walk over the emitted schema with one description taken out finds it.
  const stripped = buildSchema(readFileSync(path.join(root, 'schema', 'schema.graphql'), 'utf8')
    .replace(/\n  """\s*When the DCC accepted the request and its clock started; null until then.\s*"""\n/, '\n'));
  expect(undescribed(stripped)).toEqual(['Assessment.acceptedOn']);
});
