import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Assessment } from '../assessments/assessment.entity';
import { Access } from '../auth/role';
import type { LocalDate } from '../calendar/local-date';
import { Consultation } from '../consultations/consultation.entity';
import { Decision } from '../decisions/decision.entity';
import { FormerReference } from './former-reference.entity';
import { Allow } from '../graphql/access';
import { readShapeOf } from '../graphql/read-shape-of';
import { preloadedOr } from '../read-model/preloaded';
import type { RequestContext } from '../graphql/context';
import { LocalDateScalar } from '../graphql/scalars';
import { Meeting } from '../meetings/meeting.entity';
import { Release } from '../releases/release.entity';
import { WorkPackage } from '../work-packages/work-package.entity';
import { isRefinementStalled } from '../work-packages/refinement-stall';
import { Modification } from './modification.entity';
import { ModificationPhase } from './modification.enums';
import { CreateModificationInput, ModificationConnection, ModificationFilter, UpdateModificationInput } from './modification.types';
import { PhaseChange } from './phase-change.entity';
import { AssessmentObject } from '../assessments/assessment.graphql-types';
import { ConsultationObject } from '../consultations/consultation.graphql-types';
import { DecisionObject } from '../decisions/decision.graphql-types';
import { FormerReferenceObject } from './former-reference.graphql-types';
import { MeetingObject } from '../meetings/meeting.graphql-types';
import { ModificationObject } from './modification.graphql-types';
import { PhaseChangeObject } from './phase-change.graphql-types';
import { ReleaseObject } from '../releases/release.graphql-types';
import { WorkPackageObject } from '../work-packages/work-package.graphql-types';

@Resolver(() => ModificationObject)
export class ModificationResolver {
  @Query(() => ModificationObject, { description: 'One proposal by reference (any case, or a former one); null if there is none.', nullable: true })
  @Allow(Access.read)
  modification(@Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo, @Arg('reference', { description: 'Its reference, e.g. MP107 (DP153 finds the MP it became).' }) reference: string): Promise<Modification | null> {
    return ctx.services.modificationReads.one(ctx, readShapeOf(info).shape, reference);
  }

  @Query(() => ModificationConnection, { description: 'A page of proposals, in reference order; `first` is at most 500.' })
  @Allow(Access.read)
  modifications(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => ModificationFilter, { description: 'Which proposals, and as of which day.', nullable: true }) filter: ModificationFilter | undefined,
    @Arg('first', () => Int, { description: 'How many, 0 to 500.', nullable: true, defaultValue: 50 }) first: number | null,
    @Arg('after', () => String, { description: "The previous page's endCursor.", nullable: true }) after: string | null,
  ): Promise<ModificationConnection> {
    const { shape, fields } = readShapeOf(info, ['edges', 'node']);
    return ctx.services.modificationReads.page(ctx, shape, { filter, first: first ?? 50, after, countTotal: fields.has('totalCount') });
  }

  @Mutation(() => ModificationObject, { description: 'Records a new proposal.' })
  @Allow(Access.admin)
  createModification(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The proposal.' }) input: CreateModificationInput): Promise<Modification> {
    return ctx.services.modifications.create(ctx, input);
  }

  @Mutation(() => ModificationObject, { description: "Corrects a proposal's title, summary, proposer, path, hold, target release or dependencies." })
  @Allow(Access.admin)
  updateModification(
    @Ctx() ctx: RequestContext,
    @Arg('reference', { description: 'The proposal (any case, or a former reference).' }) reference: string,
    @Arg('input', { description: 'What to set; what is left out stays.' }) input: UpdateModificationInput,
  ): Promise<Modification> {
    return ctx.services.modifications.update(ctx, reference, input);
  }

  @Mutation(() => ModificationObject, { description: 'Moves a proposal to another phase, as the lifecycle allows; the move is recorded in its history.' })
  @Allow(Access.admin)
  changePhase(
    @Ctx() ctx: RequestContext,
    @Arg('reference', { description: 'The proposal (any case, or a former reference).' }) reference: string,
    @Arg('phase', () => ModificationPhase, { description: 'The phase it moves to.' }) phase: ModificationPhase,
    @Arg('on', () => LocalDateScalar, { description: 'When (not after today, not before its last move).' }) on: LocalDate,
    @Arg('note', () => String, { description: 'Why, kept in its history.', nullable: true }) note: string | null,
  ): Promise<Modification> {
    return ctx.services.modifications.changePhase(ctx, reference, phase, on, note);
  }

  @Mutation(() => ModificationObject, {
    description: 'A Draft Proposal becomes a Modification Proposal under its new reference (DP153 -> MP153); the DP reference still finds it.',
  })
  @Allow(Access.admin)
  convertDraftProposal(
    @Ctx() ctx: RequestContext,
    @Arg('reference', { description: 'The Draft Proposal, e.g. DP153.' }) reference: string,
    @Arg('newReference', { description: 'Its Modification Proposal reference, e.g. MP153.' }) newReference: string,
    @Arg('on', () => LocalDateScalar, { nullable: true, description: 'The day of the conversion (the Panel meeting); default: today.' }) on: LocalDate | null,
  ): Promise<Modification> {
    return ctx.services.modifications.convertDraftProposal(ctx, reference, newReference, on ?? ctx.clock.today());
  }

  @FieldResolver(() => ModificationPhase, { nullable: true, description: 'The phase the proposal was in at the end of `date`; null if it had not been raised by then.' })
  async phaseOn(
    @Root() m: Modification,
    @Ctx() ctx: RequestContext,
    @Arg('date', () => LocalDateScalar, { description: 'The day.' }) date: LocalDate,
  ): Promise<ModificationPhase | null> {
    return (await ctx.loaders.phaseOn.load(`${date} ${m.id}`)) as ModificationPhase | null;
  }

  @FieldResolver(() => [FormerReferenceObject], { description: 'References this proposal had before, oldest first (a converted Draft Proposal\'s DP).' })
  formerReferences(@Root() m: Modification, @Ctx() ctx: RequestContext): FormerReference[] | Promise<FormerReference[]> {
    return preloadedOr(m, 'formerReferences', () => ctx.loaders.formerReferencesByModification.load(m.id));
  }

  @FieldResolver(() => [ModificationObject], { description: 'Proposals this one waits on (SECMP0028 waits on SECMP0067).' })
  dependsOn(@Root() m: Modification, @Ctx() ctx: RequestContext): Modification[] | Promise<Modification[]> {
    return preloadedOr(m, 'dependsOn', () => ctx.loaders.dependsOnByModification.load(m.id));
  }

  @FieldResolver(() => ReleaseObject, { description: 'The release it is to be implemented in, if known.', nullable: true })
  targetRelease(@Root() m: Modification, @Ctx() ctx: RequestContext): Release | null | Promise<Release | null> {
    return preloadedOr(m, 'targetRelease', async () => (m.targetReleaseId ? ctx.loaders.releaseById.load(m.targetReleaseId) : null));
  }

  @FieldResolver(() => [AssessmentObject], { description: 'Its DCC assessments, oldest request first.' })
  assessments(@Root() m: Modification, @Ctx() ctx: RequestContext): Assessment[] | Promise<Assessment[]> {
    return preloadedOr(m, 'assessments', () => ctx.loaders.assessmentsByModification.load(m.id));
  }

  @FieldResolver(() => [ConsultationObject], { description: 'Its consultations, by opening day.' })
  consultations(@Root() m: Modification, @Ctx() ctx: RequestContext): Consultation[] | Promise<Consultation[]> {
    return preloadedOr(m, 'consultations', () => ctx.loaders.consultationsByModification.load(m.id));
  }

  @FieldResolver(() => [DecisionObject], { description: 'Its decisions, oldest first.' })
  decisions(@Root() m: Modification, @Ctx() ctx: RequestContext): Decision[] | Promise<Decision[]> {
    return preloadedOr(m, 'decisions', () => ctx.loaders.decisionsByModification.load(m.id));
  }

  @FieldResolver(() => [MeetingObject], { description: 'Meetings whose agenda lists this proposal, oldest first.' })
  meetings(@Root() m: Modification, @Ctx() ctx: RequestContext): Meeting[] | Promise<Meeting[]> {
    return preloadedOr(m, 'meetings', () => ctx.loaders.meetingsByModification.load(m.id));
  }

  @FieldResolver(() => [PhaseChangeObject], { description: 'Every phase change, oldest first.' })
  history(@Root() m: Modification, @Ctx() ctx: RequestContext): PhaseChange[] | Promise<PhaseChange[]> {
    return preloadedOr(m, 'history', () => ctx.loaders.historyByModification.load(m.id));
  }

  @FieldResolver(() => Boolean, {
    description:
      "In REFINE with no open work package, or with one past its return month, on asOf (default today): the 'black hole' the agile timetable guards against.",
  })
  async refinementStalled(
    @Root() m: Modification,
    @Ctx() ctx: RequestContext,
    @Arg('asOf', () => LocalDateScalar, { description: 'The day; default today.', nullable: true }) asOf: LocalDate | null,
  ): Promise<boolean> {
    if (m.phase !== ModificationPhase.REFINE) return false;
    const workPackages = await preloadedOr(m, 'workPackages', () => ctx.loaders.workPackagesByModification.load(m.id));
    return isRefinementStalled(workPackages, asOf ?? ctx.clock.today());
  }

  @FieldResolver(() => [WorkPackageObject], { description: 'The agreed packages of Refinement work, oldest first.' })
  workPackages(@Root() m: Modification, @Ctx() ctx: RequestContext): WorkPackage[] | Promise<WorkPackage[]> {
    return preloadedOr(m, 'workPackages', () => ctx.loaders.workPackagesByModification.load(m.id));
  }
}
