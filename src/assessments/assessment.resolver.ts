import { Arg, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { preloadedOr } from '../read-model/preloaded';
import { Access } from '../auth/role';
import type { LocalDate } from '../calendar/local-date';
import { Allow } from '../graphql/access';
import type { RequestContext } from '../graphql/context';
import { LocalDateScalar } from '../graphql/scalars';
import { Modification } from '../modifications/modification.entity';
import { slaOn, targetCompletionOn } from '../sla/sla-calculator';
import { Assessment } from './assessment.entity';
import { SlaStatusEnum } from './assessment.enums';
import { AssessmentPause } from './assessment-pause.entity';
import { AssessmentConnection, AssessmentFilter, AssessmentSla, CorrectAssessmentInput, RequestAssessmentInput } from './assessment.types';
import { AssessmentObject } from './assessment.graphql-types';
import { AssessmentPauseObject } from './assessment-pause.graphql-types';
import { ModificationObject } from '../modifications/modification.graphql-types';

@Resolver(() => AssessmentObject)
export class AssessmentResolver {
  @Query(() => AssessmentConnection, { description: 'A page of assessments, oldest request first; `first` is at most 500.' })
  @Allow(Access.read)
  assessments(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => AssessmentFilter, { description: 'Which assessments.', nullable: true }) filter: AssessmentFilter | undefined,
    @Arg('first', () => Int, { description: 'How many, 0 to 500.', nullable: true, defaultValue: 100 }) first: number | null,
    @Arg('after', () => String, { description: "The previous page's endCursor.", nullable: true }) after: string | null,
  ): Promise<AssessmentConnection> {
    return ctx.services.assessments.list(ctx, filter, first ?? 100, after);
  }

  @Query(() => AssessmentObject, { description: 'One assessment by id; null if there is none.', nullable: true })
  @Allow(Access.read)
  async assessment(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: "The assessment's id." }) id: string): Promise<Assessment | null> {
    return ctx.services.assessments.find(ctx, id);
  }

  @Mutation(() => AssessmentObject, { description: 'SECAS asks the DCC for a Preliminary or Impact Assessment.' })
  @Allow(Access.admin)
  requestAssessment(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The request.' }) input: RequestAssessmentInput): Promise<Assessment> {
    return ctx.services.assessments.request(ctx, input);
  }

  @Mutation(() => AssessmentObject, { description: 'The DCC accepts an assessment request: its clock starts.' })
  @Allow(Access.assessmentWork)
  acceptAssessment(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The assessment.' }) id: string, @Arg('acceptedOn', () => LocalDateScalar, { description: 'When (not after today, not before the request).' }) acceptedOn: LocalDate): Promise<Assessment> {
    return ctx.services.assessments.accept(ctx, id, acceptedOn);
  }

  @Mutation(() => AssessmentObject, { description: "The DCC stops an accepted assessment's clock." })
  @Allow(Access.assessmentWork)
  pauseAssessment(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The assessment.' }) id: string,
    @Arg('from', () => LocalDateScalar, { description: 'The first day stopped (after acceptance, not after today).' }) from: LocalDate,
    @Arg('reason', { description: 'Why.' }) reason: string,
  ): Promise<Assessment> {
    return ctx.services.assessments.pause(ctx, id, from, reason);
  }

  @Mutation(() => AssessmentObject, { description: "The DCC restarts a paused assessment's clock." })
  @Allow(Access.assessmentWork)
  resumeAssessment(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The assessment.' }) id: string, @Arg('on', () => LocalDateScalar, { description: 'The day the clock runs again (after the pause began, not after today).' }) on: LocalDate): Promise<Assessment> {
    return ctx.services.assessments.resume(ctx, id, on);
  }

  @Mutation(() => AssessmentObject, { description: "The DCC's revised expected completion date (it never moves the target), with its commentary." })
  @Allow(Access.assessmentWork)
  setExpectedCompletion(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The assessment.' }) id: string,
    @Arg('expectedCompletionOn', () => LocalDateScalar, { description: 'When the DCC now expects to return it (a plan: may lie ahead).' }) expectedCompletionOn: LocalDate,
    @Arg('commentary', () => String, { description: "Why; kept as the assessment's commentary.", nullable: true }) commentary: string | null,
  ): Promise<Assessment> {
    return ctx.services.assessments.setExpectedCompletion(ctx, id, expectedCompletionOn, commentary);
  }

  @Mutation(() => AssessmentObject, { description: 'The DCC returns an assessment: its clock stops for good.' })
  @Allow(Access.assessmentWork)
  returnAssessment(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The assessment.' }) id: string,
    @Arg('returnedOn', () => LocalDateScalar, { description: 'When (not after today, not before acceptance or inside a pause).' }) returnedOn: LocalDate,
    @Arg('costGbp', () => Float, { description: 'What it charged, in pounds.', nullable: true }) costGbp: number | null,
  ): Promise<Assessment> {
    return ctx.services.assessments.return(ctx, id, returnedOn, costGbp);
  }

  @Mutation(() => AssessmentObject, {
    description: 'Corrects an assessment recorded in error (dates, target, change request, cost, commentary); its target, SLA status and calendar feeds follow at once.',
  })
  @Allow(Access.assessmentWork)
  correctAssessment(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The assessment.' }) id: string,
    @Arg('input', { description: 'What to set; what is left out stays.' }) input: CorrectAssessmentInput,
  ): Promise<Assessment> {
    return ctx.services.assessments.correct(ctx, id, input);
  }

  @FieldResolver(() => ModificationObject, { description: 'The proposal assessed.' })
  async modification(@Root() a: Assessment, @Ctx() ctx: RequestContext): Promise<Modification> {
    return preloadedOr(a, 'modification', async () => (await ctx.loaders.modificationById.load(a.modificationId))!);
  }

  @FieldResolver(() => [AssessmentPauseObject], { description: 'Its clock pauses, oldest first.' })
  pauses(@Root() a: Assessment, @Ctx() ctx: RequestContext): AssessmentPause[] | Promise<AssessmentPause[]> {
    return preloadedOr(a, 'pauses', () => ctx.loaders.pausesByAssessment.load(a.id));
  }

  @FieldResolver(() => LocalDateScalar, { nullable: true, description: 'targetWorkingDays Working Days after acceptedOn, moved on by paused Working Days.' })
  async targetCompletionOn(@Root() a: Assessment, @Ctx() ctx: RequestContext): Promise<LocalDate | null> {
    const [pauses, calendar] = await Promise.all([preloadedOr(a, 'pauses', () => ctx.loaders.pausesByAssessment.load(a.id)), ctx.calendar()]);
    return targetCompletionOn({ ...a, pauses }, calendar);
  }

  @FieldResolver(() => AssessmentSla, { description: 'The SLA position on a given day (default: today in Europe/London).' })
  async sla(
    @Root() a: Assessment,
    @Ctx() ctx: RequestContext,
    @Arg('asOf', () => LocalDateScalar, { description: 'The day; default today in Europe/London.', nullable: true }) asOf: LocalDate | null,
  ): Promise<AssessmentSla> {
    const [pauses, calendar] = await Promise.all([preloadedOr(a, 'pauses', () => ctx.loaders.pausesByAssessment.load(a.id)), ctx.calendar()]);
    const position = slaOn({ ...a, pauses }, asOf ?? ctx.clock.today(), calendar, ctx.dueSoonWorkingDays);
    return { ...position, status: position.status as SlaStatusEnum };
  }
}
