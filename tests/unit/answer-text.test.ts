import { AnswerText, stringifyResult } from '../../src/graphql/compiled-reads/answer-text';

/**
 * The response writer Apollo is given: an answer the compiled path built is written as its text,
 * and the whole result is what Apollo's own writer (JSON.stringify and a newline) would write for
 * the same answer as objects.
 */
const APOLLO = (result: unknown) => `${JSON.stringify(result)}\n`;

test('a result with no compiled answer is written as Apollo writes it', () => {
  const results = [
    { data: { modification: { reference: 'MP107', title: 'Quote "this" \u2028 é' } } },
    { errors: [{ message: 'Not found', path: ['modification'], extensions: { code: 'NOT_FOUND' } }], data: { modification: null } },
    { errors: [{ message: 'Syntax Error' }] },
    { data: null, extensions: { cost: 3 } },
  ];
  for (const result of results) expect(stringifyResult(result)).toBe(APOLLO(result));
});

test('a compiled answer is written from its text, in its place among errors, data and extensions', () => {
  const page = { edges: [{ cursor: 'WyJNUDEwNyJd', node: { reference: 'MP107', assessments: [{ id: 'a', pauses: [] }] } }], pageInfo: { hasNextPage: false } };
  const one = { reference: 'MP108', title: 'Back\\slash, new\nline' };
  const text = stringifyResult({ data: { page: new AnswerText(JSON.stringify(page)), one: new AnswerText(JSON.stringify(one)), none: null } });
  expect(text).toBe(APOLLO({ data: { page, one, none: null } }));
  const withExtensions = { data: { one: new AnswerText(JSON.stringify(one)) }, extensions: { note: 'x' } };
  expect(stringifyResult(withExtensions)).toBe(APOLLO({ data: { one }, extensions: { note: 'x' } }));
  // Its text is written as it is, not read: what PostgreSQL wrote is what is sent.
  expect(stringifyResult({ data: { one: new AnswerText('{"reference" : "MP108"}') } })).toBe('{"data":{"one":{"reference" : "MP108"}}}\n');
});
