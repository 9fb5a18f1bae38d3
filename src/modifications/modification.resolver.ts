import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Assessment } from '../assessments/assessment.entity';
import { Access } from '../auth/role';
import type { LocalDate } from '../calendar/local-date';
import { Consultation } from '../consultations/consultation.entity';
import { Decision } from '../decisions/decision.entity';
import { FormerReference } from './former-reference.entity';
import { Allow } from '../graphql/access';
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

@Resolver(() => Modification)
export class ModificationResolver {
  @Query(() => Modification, { nullable: true })
  @Allow(Access.read)
  modification(@Ctx() ctx: RequestContext, @Arg('reference') reference: string): Promise<Modification | null> {
    return ctx.services.modifications.get(ctx, reference);
  }

  @Query(() => ModificationConnection, { description: 'A page of proposals, in reference order; `first` is at most 500.' })
  @Allow(Access.read)
  modifications(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ModificationFilter, { nullable: true }) filter: ModificationFilter | undefined,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<ModificationConnection> {
    return ctx.services.modifications.list(ctx, filter, first ?? 50, after);
  }

  @Mutation(() => Modification)
  @Allow(Access.admin)
  createModification(@Ctx() ctx: RequestContext, @Arg('input') input: CreateModificationInput): Promise<Modification> {
    return ctx.services.modifications.create(ctx, input);
  }

  @Mutation(() => Modification)
  @Allow(Access.admin)
  updateModification(
    @Ctx() ctx: RequestContext,
    @Arg('reference') reference: string,
    @Arg('input') input: UpdateModificationInput,
  ): Promise<Modification> {
    return ctx.services.modifications.update(ctx, reference, input);
  }

  @Mutation(() => Modification)
  @Allow(Access.admin)
  changePhase(
    @Ctx() ctx: RequestContext,
    @Arg('reference') reference: string,
    @Arg('phase', () => ModificationPhase) phase: ModificationPhase,
    @Arg('on', () => LocalDateScalar) on: LocalDate,
    @Arg('note', () => String, { nullable: true }) note: string | null,
  ): Promise<Modification> {
    return ctx.services.modifications.changePhase(ctx, reference, phase, on, note);
  }

  @Mutation(() => Modification, {
    description: 'A Draft Proposal becomes a Modification Proposal under its new reference (DP153 -> MP153); the DP reference still finds it.',
  })
  @Allow(Access.admin)
  convertDraftProposal(
    @Ctx() ctx: RequestContext,
    @Arg('reference') reference: string,
    @Arg('newReference') newReference: string,
    @Arg('on', () => LocalDateScalar, { nullable: true, description: 'The day of the conversion (the Panel meeting); default: today.' }) on: LocalDate | null,
  ): Promise<Modification> {
    return ctx.services.modifications.convertDraftProposal(ctx, reference, newReference, on ?? ctx.clock.today());
  }

  @FieldResolver(() => [FormerReference], { description: 'References this proposal had before, oldest first (a converted Draft Proposal\'s DP).' })
  formerReferences(@Root() m: Modification, @Ctx() ctx: RequestContext): Promise<FormerReference[]> {
    return ctx.loaders.formerReferencesByModification.load(m.id);
  }

  @FieldResolver(() => [Modification], { description: 'Proposals this one waits on (SECMP0028 waits on SECMP0067).' })
  dependsOn(@Root() m: Modification, @Ctx() ctx: RequestContext): Promise<Modification[]> {
    return ctx.loaders.dependsOnByModification.load(m.id);
  }

  @FieldResolver(() => Release, { nullable: true })
  async targetRelease(@Root() m: Modification, @Ctx() ctx: RequestContext): Promise<Release | null> {
    return m.targetReleaseId ? ctx.loaders.releaseById.load(m.targetReleaseId) : null;
  }

  @FieldResolver(() => [Assessment])
  assessments(@Root() m: Modification, @Ctx() ctx: RequestContext): Promise<Assessment[]> {
    return ctx.loaders.assessmentsByModification.load(m.id);
  }

  @FieldResolver(() => [Consultation])
  consultations(@Root() m: Modification, @Ctx() ctx: RequestContext): Promise<Consultation[]> {
    return ctx.loaders.consultationsByModification.load(m.id);
  }

  @FieldResolver(() => [Decision])
  decisions(@Root() m: Modification, @Ctx() ctx: RequestContext): Promise<Decision[]> {
    return ctx.loaders.decisionsByModification.load(m.id);
  }

  @FieldResolver(() => [Meeting], { description: 'Meetings whose agenda lists this proposal, oldest first.' })
  meetings(@Root() m: Modification, @Ctx() ctx: RequestContext): Promise<Meeting[]> {
    return ctx.loaders.meetingsByModification.load(m.id);
  }

  @FieldResolver(() => [PhaseChange], { description: 'Every phase change, oldest first.' })
  history(@Root() m: Modification, @Ctx() ctx: RequestContext): Promise<PhaseChange[]> {
    return ctx.loaders.historyByModification.load(m.id);
  }

  @FieldResolver(() => Boolean, {
    description:
      "In REFINE with no open work package, or with one past its return month, on asOf (default today): the 'black hole' the agile timetable guards against.",
  })
  async refinementStalled(
    @Root() m: Modification,
    @Ctx() ctx: RequestContext,
    @Arg('asOf', () => LocalDateScalar, { nullable: true }) asOf: LocalDate | null,
  ): Promise<boolean> {
    if (m.phase !== ModificationPhase.REFINE) return false;
    return isRefinementStalled(await ctx.loaders.workPackagesByModification.load(m.id), asOf ?? ctx.clock.today());
  }

  @FieldResolver(() => [WorkPackage], { description: 'The agreed packages of Refinement work, oldest first.' })
  workPackages(@Root() m: Modification, @Ctx() ctx: RequestContext): Promise<WorkPackage[]> {
    return ctx.loaders.workPackagesByModification.load(m.id);
  }
}
