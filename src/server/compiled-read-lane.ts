import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import Negotiator from 'negotiator';
import { compiledAnswer } from '../graphql/compiled-reads/compiled-answer';
import { stringifyResult } from '../graphql/compiled-reads/answer-text';
import type { KnownQueries } from '../graphql/compiled-reads/known-queries';
import type { CostCheck } from '../graphql/limits/query-cost';
import { withinTimeBudget } from '../infra/database/time-budget';
import type { Services } from '../services';
import { bearerKey } from './bearer-key';
import { rememberIdentity, type RequestIdentity, type RequestLimits } from './rate-limit';
import { type RequestContextParts, requestContext } from './request-context';
import { localsOf, requestFactsOf } from './request-facts';

export interface CompiledReadLaneParts {
  known: KnownQueries;
  schema: GraphQLSchema;
  cost: CostCheck;
  services: Services;
  limits: RequestLimits;
  context: RequestContextParts;
  maxBodyBytes: number;
  requestTimeoutMs: number;
}

/** Hands a request to the routes (Express, then Apollo): they answer everything the lane does not. */
type Otherwise = () => void;

/**
 * What the lane tells the routes of a request it hands them (in res.locals): a body it read that
 * is not JSON, when the request's time budget started, and that its compiled answer failed.
 */
export interface HandedOver {
  bodyFailure?: Error;
  budgetStartedAt?: number;
  compiledReadFailed?: boolean;
}

export const handedOverOf = (res: ServerResponse) => localsOf(res) as HandedOver;

/**
 * The media types Apollo chooses a query's answer among, by the client's Accept, in Apollo's order
 * (MEDIA_TYPES in @apollo/server); negotiated with the same library (negotiator) as Apollo does.
 */
const APOLLO_ANSWERS = ['application/json; charset=utf-8', 'application/graphql-response+json; charset=utf-8', 'application/json; callbackSpec=1.0; charset=utf-8'];
/** Those the lane writes its answer as: the last is the callback protocol's, which the lane leaves to Apollo. */
const LANE_ANSWERS = new Set(APOLLO_ANSWERS.slice(0, 2));

/** What Apollo would answer with, as its chooseContentTypeForSingleResultResponse decides; undefined for what the lane leaves to Apollo. */
function negotiatedAnswerType(accept: string): string | undefined {
  const chosen = new Negotiator({ headers: { accept } }).mediaType(APOLLO_ANSWERS);
  return chosen && LANE_ANSWERS.has(chosen) ? chosen : undefined;
}

/** Accept headers seen, with their answer type: a client sends the same one every time. Bounded, as any client may send any text. */
const MAX_ACCEPTS = 100;
const MAX_KEPT_ACCEPT_LENGTH = 256;
const answerTypes = new Map<string, string | undefined>();

/**
 * negotiatedAnswerType, worked out once per Accept text: negotiator parses and sorts the header on
 * every call (1.7 µs, more than anything else the lane does before the statement but the key's hash).
 */
function answerTypeFor(accept: string | undefined): string | undefined {
  if (!accept) return APOLLO_ANSWERS[0];
  if (accept.length > MAX_KEPT_ACCEPT_LENGTH) return negotiatedAnswerType(accept);
  if (answerTypes.has(accept)) return answerTypes.get(accept);
  const chosen = negotiatedAnswerType(accept);
  if (answerTypes.size >= MAX_ACCEPTS) answerTypes.clear();
  answerTypes.set(accept, chosen);
  return chosen;
}

const JSON_BODY = new Set(['application/json', 'application/json; charset=utf-8']);

/**
 * A body express.json() would have refused as not JSON, in body-parser's shape: the routes'
 * bodyErrors answers it (400) as it answers body-parser's own, once the lane has read the body.
 */
function bodyFailure(message: string): Error {
  return Object.assign(new SyntaxError(message), { type: 'entity.parse.failed', status: 400, expose: true });
}

/** The bearer key of a request the lane may answer: a JSON POST to /graphql, with a key, from a client that is not a browser. */
function keyOfLaneRequest(req: IncomingMessage, maxBodyBytes: number): string | null {
  if (req.method !== 'POST' || req.url !== '/graphql') return null;
  const { headers } = req;
  // A browser's request (CORS, the console's session cookie) and anything but a plain JSON body of
  // known length go the routes' way, as does a client asking for another media type.
  if (headers.origin !== undefined || headers.cookie !== undefined || headers['content-encoding'] !== undefined || headers['transfer-encoding'] !== undefined) return null;
  if (!JSON_BODY.has(headers['content-type']?.toLowerCase() ?? '')) return null;
  const length = Number(headers['content-length']);
  if (!(length > 0 && length <= maxBodyBytes)) return null;
  return bearerKey(headers.authorization);
}

/**
 * The body as text (UTF-8, a byte order mark dropped, as express.json() reads it), or null when the
 * client hung up before all of it came. Listeners rather than stream/consumers' text(): its async
 * iterator cost more than the rest of the read.
 */
function bodyOf(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => {
      const body = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString();
      resolve(body.charCodeAt(0) === 0xfeff ? body.slice(1) : body);
    });
    // After 'end' this changes nothing: a promise is resolved once.
    req.once('close', () => resolve(null));
    req.once('error', () => resolve(null));
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * POST /graphql for the queries the compiled path has answered before (KnownQueries), answered
 * again without Express and without Apollo's request pipeline, which were half the instructions
 * of a small read (bench:instructions). Everything a request meets on the routes' way is met here
 * too, from the same code: the request's log line and metric (requestLog, which runs first for
 * every request), the key check, its budget (429 with Retry-After), the cost limit, the caller's
 * role, the time budget, and Apollo's answer, header for header and byte for byte
 * (compiled-read-lane.api.test.ts compares the two ways). The other limits (depth, aliases,
 * directives, tokens) and the document's parse and validation hold for a query text whoever sends
 * it, and Apollo checked them the first time.
 *
 * Anything else is handed to the routes, which answer it as if the lane were not there: a request
 * the lane does not take, a query not known yet, a variable or argument that is not right, a key
 * that is not valid, an outage, a failed statement. Their errors are the routes' alone to word.
 */
export function compiledReadLane(parts: CompiledReadLaneParts): (req: IncomingMessage, res: ServerResponse, otherwise: Otherwise) => void {
  const { known, schema, cost, services, limits } = parts;

  const answer = async (req: IncomingMessage, res: ServerResponse, answerType: string, checked: Promise<RequestIdentity>, otherwise: Otherwise): Promise<void> => {
    const body = await bodyOf(req);
    // The client hung up before its body arrived: no one to answer (its line says aborted).
    if (body === null) return;
    // Whatever comes next, the routes need not check the key again (`keyed` reads it): a caller, none, or an outage.
    const identity = await checked;
    rememberIdentity(res, identity);
    let request: unknown;
    try {
      request = JSON.parse(body);
    } catch (err) {
      handedOverOf(res).bodyFailure = bodyFailure((err as Error).message);
      return otherwise();
    }
    // express.json() is strict: an object or an array, nothing else at the top.
    if (typeof request !== 'object' || request === null) {
      handedOverOf(res).bodyFailure = bodyFailure('The body holds neither an object nor an array');
      return otherwise();
    }
    // As express.json() leaves it for the routes: they need not read the body again (they cannot).
    (req as { body?: unknown }).body = request;
    if (!isRecord(request)) return otherwise();
    const { query, operationName, variables, extensions } = request;
    if (typeof query !== 'string' || (operationName != null && typeof operationName !== 'string')) return otherwise();
    if ((variables != null && !isRecord(variables)) || extensions != null) return otherwise();
    const found = known.get(query, operationName ?? undefined);
    const { caller } = identity;
    if (!found || !caller || cost(schema, found.document, variables ?? {}, operationName ?? undefined)) return otherwise();
    if (!(await limits.spendKey(identity.key!, caller, res))) return;
    const facts = requestFactsOf(res);
    facts.keyName = caller.name;
    const budgetStartedAt = Date.now();
    handedOverOf(res).budgetStartedAt = budgetStartedAt;
    let data: Record<string, unknown> | null;
    try {
      data = await withinTimeBudget(parts.requestTimeoutMs, () => {
        const ctx = requestContext(parts.context, {
          requestId: req.id, logger: req.log, caller, presented: true, facts,
          baseUrl: () => {
            throw new Error('A compiled read gives out no link: the routes answer whatever does');
          },
        });
        return compiledAnswer(ctx, { schema, document: found.document, operation: found.operation, variables: variables ?? undefined });
      }, budgetStartedAt);
    } catch (err) {
      // A statement refused or past its time, a service's NOT_FOUND: the resolvers answer, in what
      // is left of the budget, and without trying the compiled answer again.
      req.log.debug({ err }, 'compiled read not taken; the resolvers answer');
      handedOverOf(res).compiledReadFailed = true;
      return otherwise();
    }
    if (!data) return otherwise();
    if (req.log.isLevelEnabled('debug')) req.log.debug('answered in the compiled-read lane');
    facts.operation = found.operation.name?.value ?? 'anonymous';
    facts.outcome = 'ok';
    res.statusCode = 200;
    // Apollo's header, by Apollo's (lower-case) name: the routes' answer, header for header.
    res.setHeader('content-type', answerType);
    res.end(stringifyResult({ data }));
  };

  return (req, res, otherwise) => {
    const key = keyOfLaneRequest(req, parts.maxBodyBytes);
    // Negotiated only for a request the lane could take: every other request goes on untouched.
    const answerType = key ? answerTypeFor(req.headers.accept) : undefined;
    // Only a key this process has found valid (any other is read by the routes). Its check (the
    // change feed's proof that it was not revoked meanwhile) runs while the body comes.
    const known = key && answerType ? services.apiKeys.authenticateKnown(key) : undefined;
    if (!key || !answerType || !known) return otherwise();
    const checked = known.then((caller): RequestIdentity => ({ key, caller }), (outage: unknown): RequestIdentity => ({ key, caller: null, outage }));
    // As the routes' CORS policy marks every /graphql answer, first: a browser's origin would change it.
    res.setHeader('Vary', 'Origin');
    let handedOver = false;
    const handOver = () => {
      if (handedOver) return;
      handedOver = true;
      otherwise();
    };
    answer(req, res, answerType, checked, handOver).catch((err: unknown) => {
      if (res.headersSent || handedOver) {
        req.log.error({ err }, 'the compiled-read lane failed after answering or handing on');
        return;
      }
      req.log.warn({ err }, 'the compiled-read lane failed; the routes answer');
      handOver();
    });
  };
}
