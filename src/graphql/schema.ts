import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AssessmentFiguresResolver } from '../assessments/assessment-figures.resolver';
import { AssessmentResolver } from '../assessments/assessment.resolver';
import { ApiKeyResolver } from '../auth/api-key.resolver';
import { AuditLogResolver } from '../audit/audit-log.resolver';
import { CalendarResolver } from '../calendar/calendar.resolver';
import { CalendarFeedResolver } from '../calendar-feeds/calendar-feed.resolver';
import { ConsultationResolver } from '../consultations/consultation.resolver';
import { StrikeOutResolver } from '../corrections/strike-out.resolver';
import { DecisionResolver } from '../decisions/decision.resolver';
import { MeetingResolver } from '../meetings/meeting.resolver';
import { ModificationResolver } from '../modifications/modification.resolver';
import { JobRunResolver } from '../queue/job-run.resolver';
import { OutboxMessageResolver, RecipientGroupResolver } from '../notifications/notification.resolver';
import { ReleaseResolver } from '../releases/release.resolver';
import { ReportResolver } from '../reports/report.resolver';
import { WorkPackageResolver } from '../work-packages/work-package.resolver';
import { guardRootFields } from './access';
// Before any schema is built: the enums' GraphQL names and descriptions.
import './enum-types';

export const resolvers = [
  ModificationResolver, AssessmentResolver, AssessmentFiguresResolver, MeetingResolver, ConsultationResolver,
  DecisionResolver, ReleaseResolver, WorkPackageResolver, CalendarResolver, ReportResolver, JobRunResolver,
  RecipientGroupResolver, OutboxMessageResolver, ApiKeyResolver, AuditLogResolver, CalendarFeedResolver, StrikeOutResolver,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/** Built once per process: type-graphql's metadata is global, and the schema never changes at run time. */
export function buildAppSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [...resolvers],
    orphanedTypes: [],
    scalarsMap: [],
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
  }).then(guardRootFields).then(describeRoots);
  return built;
}

/** type-graphql builds the root types without a description; the schema says what each holds. */
function describeRoots(schema: GraphQLSchema): GraphQLSchema {
  schema.getQueryType()!.description = 'Every read of the register and its service; each names the roles that may ask it.';
  schema.getMutationType()!.description = 'Every change to the register and its service; each names the roles that may make it.';
  return schema;
}

export const SCHEMA_HEADER =
  '# Generated from the code by `npm run schema:emit`; do not edit. A test fails when it drifts.\n\n';

/** The committed form of the schema: sorted, so that a diff shows what changed and not where. */
export function printAppSchema(schema: GraphQLSchema): string {
  return SCHEMA_HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
}
