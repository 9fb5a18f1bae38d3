import type { TypedDocumentString } from './gql/graphql';

/** Every request the console makes carries it: the API refuses a session request without it (no other site can send it). */
const CONSOLE_HEADERS = { 'content-type': 'application/json', 'x-sec-console': '1' };

/** A refusal in the API's own words, with its code (FORBIDDEN, BAD_USER_INPUT, ...). */
export class ApiError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

/** Said when the session's key is no longer valid: the app signs the person out and says why. */
let onSignedOut: (why: string) => void = () => undefined;
export const whenSignedOut = (handler: (why: string) => void): void => {
  onSignedOut = handler;
};

/** Runs one of the console's typed operations through the API, as any client would. */
export async function gql<Result, Variables>(document: TypedDocumentString<Result, Variables>, variables?: Variables): Promise<Result> {
  const res = await fetch('/graphql', {
    method: 'POST', headers: CONSOLE_HEADERS, credentials: 'same-origin',
    body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
  });
  const body = (await res.json().catch(() => null)) as { data?: Result; errors?: Array<{ message: string; extensions?: { code?: string } }>; error?: { code: string; message: string } } | null;
  const error = body?.errors?.[0];
  if (error) {
    const code = error.extensions?.code ?? 'ERROR';
    if (code === 'UNAUTHENTICATED') onSignedOut(error.message);
    throw new ApiError(error.message, code);
  }
  if (!res.ok || !body?.data) throw new ApiError(body?.error?.message ?? `The API answered ${res.status}`, body?.error?.code ?? 'ERROR');
  return body.data;
}

export interface Identity {
  name: string;
  role: 'ADMIN' | 'DCC' | 'READER';
}

export async function signIn(key: string): Promise<Identity> {
  const res = await fetch('/console/session', { method: 'POST', headers: CONSOLE_HEADERS, credentials: 'same-origin', body: JSON.stringify({ key }) });
  const body = (await res.json().catch(() => null)) as (Identity & { error?: { code: string; message: string } }) | null;
  if (!res.ok) throw new ApiError(body?.error?.message ?? `The API answered ${res.status}`, body?.error?.code ?? 'ERROR');
  return { name: body!.name, role: body!.role };
}

export async function signOut(): Promise<void> {
  await fetch('/console/session/end', { method: 'POST', headers: CONSOLE_HEADERS, credentials: 'same-origin' });
}

/** What to tell the person when a request fails: the API's own words, or that it could not be reached. */
export const problemOf = (err: unknown): string => (err instanceof ApiError ? err.message : 'The service could not be reached');

/** What a spreadsheet import did, or in a dry run would do, by place in the file. */
export interface SpreadsheetImport {
  dryRun: boolean;
  changes: Array<{ outcome: string; place: string }>;
  kept: Array<{ place: string; reason: string }>;
}

/** Uploads an XLSX or CSV to the API's import (SECAS): its dry run, or the import itself. */
export async function importSpreadsheet(file: File, options: { dryRun: boolean; asOf?: string }): Promise<SpreadsheetImport> {
  const query = new URLSearchParams({ format: /\.csv$/i.test(file.name) ? 'csv' : 'xlsx', dryRun: String(options.dryRun), name: file.name });
  if (options.asOf) query.set('asOf', options.asOf);
  const res = await fetch(`/register/import?${query}`, {
    method: 'POST', credentials: 'same-origin', body: file,
    headers: { ...CONSOLE_HEADERS, 'content-type': 'application/octet-stream' },
  });
  const body = (await res.json().catch(() => null)) as (SpreadsheetImport & { error?: { code: string; message: string } }) | null;
  if (!res.ok || !body) {
    if (body?.error?.code === 'UNAUTHENTICATED') onSignedOut(body.error.message);
    throw new ApiError(body?.error?.message ?? `The API answered ${res.status}`, body?.error?.code ?? 'ERROR');
  }
  return body;
}
