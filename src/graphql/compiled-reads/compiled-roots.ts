import { type FieldNode, getArgumentValues, getNamedType, type GraphQLField, type GraphQLObjectType, isObjectType } from 'graphql';
import { collectSubfields } from 'graphql/execution/collectFields';
import { validate } from 'class-validator';
import type { LocalDate } from '../../calendar/local-date';
import type { WorkingCalendar } from '../../calendar/working-calendar';
import type { Page } from '../../common/pages';
import type { MeetingBody } from '../../meetings/meeting.enums';
import { judgedInSql } from '../../assessments/assessment-reads';
import { AssessmentFilter } from '../../assessments/assessment.types';
import { ModificationFilter } from '../../modifications/modification.types';
import type { CompiledAnswer } from '../../read-model/answer-json';
import type { RequestContext } from '../context';
import { compiledAnswerOf, type FinishEnv, type PlannedAnswer, type Selection } from './answer-shape-of';
import { AnswerText, jsonOf } from './answer-text';

/** A stand-in for the calendar where no field asked for reads it: reading it anyway is a planning mistake, said loudly. */
const CALENDAR_NOT_FETCHED = new Proxy({}, {
  get: () => {
    throw new Error('A computed field read the Working Day calendar without declaring readsCalendar');
  },
}) as WorkingCalendar;

/** The environment computed fields are worked out in: this request's calendar (when they read it), day, threshold and arguments. */
async function finishEnv(ctx: RequestContext, selection: Selection, answer: PlannedAnswer): Promise<FinishEnv> {
  const calendar = answer.readsCalendar ? await ctx.calendar() : CALENDAR_NOT_FETCHED;
  const args = new Map<FieldNode, Record<string, unknown>>();
  const argumentsOf: FinishEnv['argumentsOf'] = (field, node) => {
    let found = args.get(node);
    if (!found) args.set(node, (found = getArgumentValues(field, node, selection.variables)));
    return found;
  };
  return { calendar, today: ctx.clock.today(), dueSoonWorkingDays: ctx.dueSoonWorkingDays, argumentsOf };
}

/** Works out the computed fields of answered rows (one, a list, or none), when the answer has any. */
async function finished(ctx: RequestContext, selection: Selection, answer: PlannedAnswer, rows: unknown): Promise<void> {
  if (!answer.finish || rows === null || rows === undefined) return;
  const env = await finishEnv(ctx, selection, answer);
  for (const row of Array.isArray(rows) ? rows : [rows]) answer.finish(row as Record<string, unknown>, env);
}

/**
 * A root field whose whole answer one statement can build, or null when this selection of it
 * cannot be (a computed field, an argument type-graphql would refuse): the resolvers answer then.
 */
export type CompiledRoot = (
  ctx: RequestContext,
  selection: Selection,
  field: GraphQLField<unknown, unknown>,
  nodes: readonly FieldNode[],
  args: Record<string, unknown>,
) => Promise<{ value: unknown } | null>;

/** The keys a selection of a plain object (connection, edge, page info) asks for, and the field each reads. */
type Projection = ReadonlyArray<readonly [key: string, field: string]>;

function projectionOf(selection: Selection, type: GraphQLObjectType, nodes: readonly FieldNode[], objects: readonly string[] = []): Projection | null {
  const keys: Array<[string, string]> = [];
  for (const [key, fieldNodes] of collectSubfields(selection.schema, selection.fragments, selection.variables, type, nodes)) {
    const name = fieldNodes[0]!.name.value;
    const field = type.getFields()[name];
    if (name !== '__typename' && (!field || field.args.length || (isObjectType(getNamedType(field.type)) && !objects.includes(name)))) return null;
    keys.push([key, name]);
  }
  return keys;
}

/**
 * Writes a plain object's selection as JSON text, keys in the selection's order: each field read from
 * `source`, or, for the objects it holds (edges, a node, page info), their JSON text as given. The
 * keys are quoted once per plan, as the projection is kept with it.
 */
type ObjectWriter = (source: Record<string, unknown>, objects?: Record<string, string>) => string;

function writerOf(projection: Projection, typeName: string): ObjectWriter {
  const keys = projection.map(([key, field]) => [`${JSON.stringify(key)}:`, field] as const);
  const typeNameJson = JSON.stringify(typeName);
  return (source, objects = {}) => {
    let json = '';
    for (const [key, field] of keys) {
      const value = field === '__typename' ? typeNameJson : field in objects ? objects[field] : JSON.stringify(source[field]) ?? 'null';
      json += json ? `,${key}${value}` : key + value;
    }
    return `{${json}}`;
  };
}

/** The fields of `type` named `name` in a selection: one, or null when aliases ask for it twice. */
function onlyOne(selection: Selection, type: GraphQLObjectType, nodes: readonly FieldNode[], name: string): readonly FieldNode[] | null | undefined {
  const found = [...collectSubfields(selection.schema, selection.fragments, selection.variables, type, nodes).values()].filter((n) => n[0]!.name.value === name);
  return found.length > 1 ? null : found[0];
}

/** Compiled once per selection (field node and directive values), as the answer's SQL is. */
function keptPer<P>(): (nodes: readonly FieldNode[], selection: Selection, plan: () => P | null) => P | null {
  const plans = new WeakMap<FieldNode, Map<string, P | null>>();
  return (nodes, selection, plan) => {
    let known = plans.get(nodes[0]!);
    if (!known) plans.set(nodes[0]!, (known = new Map()));
    const key = `${nodes.length} ${selection.directiveKey}`;
    if (!known.has(key)) known.set(key, plan());
    return known.get(key)!;
  };
}

interface PagePlan {
  answer: PlannedAnswer;
  countTotal: boolean;
  connection: ObjectWriter;
  edge: ObjectWriter;
  pageInfo: ObjectWriter;
}

function pagePlan(selection: Selection, connection: GraphQLObjectType, nodes: readonly FieldNode[]): PagePlan | null {
  const edgeType = getNamedType(connection.getFields().edges!.type) as GraphQLObjectType;
  const pageInfoType = getNamedType(connection.getFields().pageInfo!.type) as GraphQLObjectType;
  const nodeType = getNamedType(edgeType.getFields().node!.type) as GraphQLObjectType;
  // One shape per page: two differently aliased `edges`, `node`s or `pageInfo`s are left to the resolvers.
  const edges = onlyOne(selection, connection, nodes, 'edges');
  const pageInfo = onlyOne(selection, connection, nodes, 'pageInfo');
  const node = edges && onlyOne(selection, edgeType, edges, 'node');
  if (edges === null || pageInfo === null || node === null) return null;
  const answer = node ? compiledAnswerOf(selection, nodeType, node) : { sql: `json_build_object()`, sentAsWritten: true };
  const connectionKeys = projectionOf(selection, connection, nodes, ['edges', 'pageInfo']);
  const edgeKeys = edges ? projectionOf(selection, edgeType, edges, ['node']) : [];
  const pageInfoKeys = pageInfo ? projectionOf(selection, pageInfoType, pageInfo) : [];
  if (!answer || !connectionKeys || !edgeKeys || !pageInfoKeys) return null;
  return {
    answer,
    countTotal: connectionKeys.some(([, field]) => field === 'totalCount'),
    connection: writerOf(connectionKeys, connection.name),
    edge: writerOf(edgeKeys, edgeType.name),
    pageInfo: writerOf(pageInfoKeys, pageInfoType.name),
  };
}

/** type-graphql validates an input (class-validator) before the resolver sees it: so must this. */
async function validInput<T extends object>(type: new () => T, input: unknown): Promise<T | undefined | null> {
  if (input === undefined || input === null) return undefined;
  const instance = Object.assign(new type(), input);
  return (await validate(instance, { forbidUnknownValues: false })).length ? null : instance;
}

type PageRead = (ctx: RequestContext, answer: CompiledAnswer, args: Record<string, unknown>, countTotal: boolean) => Promise<Page<unknown> | null>;

/** A root that answers a connection: the page planned once per selection, read by its service (null: not here). */
function connectionRoot(read: PageRead): CompiledRoot {
  const plans = keptPer<PagePlan>();
  return async (ctx, selection, field, nodes, args) => {
    const plan = plans(nodes, selection, () => pagePlan(selection, getNamedType(field.type) as GraphQLObjectType, nodes));
    if (!plan) return null;
    const page = await read(ctx, plan.answer, args, plan.countTotal);
    if (!page) return null;
    await finished(ctx, selection, plan.answer, page.edges.map((edge) => edge.node));
    const { sentAsWritten } = plan.answer;
    const edges = page.edges.map((edge) => plan.edge(edge, { node: jsonOf(edge.node, sentAsWritten) }));
    return {
      value: new AnswerText(plan.connection(page as unknown as Record<string, unknown>, { pageInfo: plan.pageInfo(page.pageInfo), edges: `[${edges.join(',')}]` })),
    };
  };
}

const modifications = connectionRoot(async (ctx, answer, args, countTotal) => {
  const filter = await validInput(ModificationFilter, args.filter);
  if (filter === null) return null;
  return ctx.services.modificationReads.pageOfAnswers(ctx, answer, {
    filter, first: (args.first as number | null) ?? 50, after: (args.after as string | null) ?? null, countTotal,
  });
});

const assessments = connectionRoot(async (ctx, answer, args, countTotal) => {
  const filter = await validInput(AssessmentFilter, args.filter);
  // A day outside the SQL calendar is the resolvers' to judge; a proposal that does not exist, theirs to refuse (null below).
  if (filter === null) return null;
  const asOf = filter?.asOf ?? ctx.clock.today();
  const status = filter?.statuses?.length ? { statuses: filter.statuses, asOf, dueSoonWorkingDays: ctx.dueSoonWorkingDays } : undefined;
  if (status && !judgedInSql(asOf)) return null;
  return ctx.services.assessmentReads.pageOfAnswers(ctx, answer, {
    type: filter?.type, modification: filter?.modification, first: (args.first as number | null) ?? 100, after: (args.after as string | null) ?? null, countTotal, status,
  });
});

/** A root that answers one row or a list of rows: their answer compiled, read by their service. */
function rowsRoot(read: (ctx: RequestContext, answer: CompiledAnswer, args: Record<string, unknown>) => Promise<unknown>): CompiledRoot {
  return async (ctx, selection, field, nodes, args) => {
    const answer = compiledAnswerOf(selection, getNamedType(field.type) as GraphQLObjectType, nodes);
    if (!answer) return null;
    const value = await read(ctx, answer, args);
    await finished(ctx, selection, answer, value);
    return { value: new AnswerText(jsonOf(value, answer.sentAsWritten)) };
  };
}

/** The Query fields answered whole by one statement, when their selection allows it. */
export const COMPILED_ROOTS: Readonly<Record<string, CompiledRoot>> = {
  modifications,
  modification: rowsRoot((ctx, answer, args) => ctx.services.modificationReads.oneAnswer(ctx, answer, args.reference as string)),
  assessments,
  assessment: rowsRoot((ctx, answer, args) => ctx.services.assessmentReads.oneAnswer(ctx, answer, args.id as string)),
  meetings: rowsRoot((ctx, answer, args) => ctx.services.meetings.listAnswers(ctx, answer, args.from as LocalDate | null, args.to as LocalDate | null, args.body as MeetingBody | null)),
  consultations: rowsRoot((ctx, answer, args) => ctx.services.consultations.listAnswers(ctx, answer, args.from as LocalDate | null, args.to as LocalDate | null)),
  releases: rowsRoot((ctx, answer) => ctx.services.releases.listAnswers(ctx, answer)),
  workPackages: rowsRoot((ctx, answer, args) => ctx.services.workPackages.listAnswers(ctx, answer, args.overdueAsOf as LocalDate | null)),
};
