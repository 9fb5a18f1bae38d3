import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse, type OperationDefinitionNode } from 'graphql';
import { KnownQueries } from '../../src/graphql/compiled-reads/known-queries';

const knownOf = (query: string) => {
  const document = parse(query);
  return { document, operation: document.definitions[0] as OperationDefinitionNode };
};

test('a text is known with the operation name it was sent with, and only so', () => {
  const known = new KnownQueries();
  const text = 'query A { releases { name } } query B { meetings { date } }';
  known.remember(text, 'A', knownOf(text));
  expect(known.get(text, 'A')?.operation.name?.value).toBe('A');
  expect(known.get(text, 'B')).toBeUndefined();
  expect(known.get(text, undefined)).toBeUndefined();
  expect(known.get(`${text} `, 'A')).toBeUndefined();
});

test('a flood of new texts empties it rather than growing it without bound', () => {
  const known = new KnownQueries();
  const first = '{ releases { name } }';
  known.remember(first, undefined, knownOf(first));
  for (let i = 0; i < 500; i++) known.remember(`{ releases { name } } # ${i}`, undefined, knownOf(first));
  expect(known.get(first, undefined)).toBeUndefined();
  expect(known.get('{ releases { name } } # 499', undefined)).toBeDefined();

  // Long texts count by their length: four of a million characters fill it.
  const long = new KnownQueries();
  long.remember(first, undefined, knownOf(first));
  for (let i = 0; i < 4; i++) long.remember(`${first}${' '.repeat(1_000_000)}${i}`, undefined, knownOf(first));
  expect(long.get(first, undefined)).toBeUndefined();
});

test('a document is kept only as long as something else keeps it (Apollo\'s document cache): then its text is unknown again', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const known = new KnownQueries();
  const heldElsewhere = knownOf('{ releases { name } }');
  known.remember('{ releases { name } }', undefined, heldElsewhere);
  known.remember('{ meetings { date } }', undefined, knownOf('{ meetings { date } }'));
  // A WeakRef's target survives until the task that made or read it is over.
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  expect(known.get('{ releases { name } }', undefined)?.document).toBe(heldElsewhere.document);
  expect(known.get('{ meetings { date } }', undefined)).toBeUndefined();
});
