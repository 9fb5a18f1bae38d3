import type { FormattedExecutionResult } from 'graphql';

/**
 * A root field's whole answer as JSON text, as the compiled path builds it: PostgreSQL's own text
 * for the rows (read-model/answer-json `selected`), joined into the field's connection or list.
 * Apollo's response (stringifyResult below) writes it as it is, so a page's rows are never parsed
 * into objects only to be written back out as the same JSON.
 */
export class AnswerText {
  constructor(readonly json: string) {}
}

/** JSON text of a value that is either JSON text already (an answer sent as written) or a value to write. */
export function jsonOf(value: unknown, sentAsWritten: boolean): string {
  if (sentAsWritten && typeof value === 'string') return value;
  return JSON.stringify(value) ?? 'null';
}

/**
 * Apollo Server's `stringifyResult`: what its default does (JSON.stringify and a newline), except
 * that the root fields the compiled path answered are written from their text. The compiled path
 * answers every root of a query or none, and never with errors; a result with none of its answers
 * is written by JSON.stringify alone, as before.
 */
export function stringifyResult(result: FormattedExecutionResult): string {
  const { data } = result;
  if (!data || !Object.values(data).some((value) => value instanceof AnswerText)) return `${JSON.stringify(result)}\n`;
  const fields = Object.entries(data).map(([key, value]) => `${JSON.stringify(key)}:${value instanceof AnswerText ? value.json : JSON.stringify(value)}`);
  // Apollo's order: errors, data, extensions (each left out when undefined, as JSON.stringify would).
  const parts = [
    ...(result.errors === undefined ? [] : [`"errors":${JSON.stringify(result.errors)}`]),
    `"data":{${fields.join(',')}}`,
    ...(result.extensions === undefined ? [] : [`"extensions":${JSON.stringify(result.extensions)}`]),
  ];
  return `{${parts.join(',')}}\n`;
}
