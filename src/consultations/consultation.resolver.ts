import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { preloadedOr } from '../read-model/preloaded';
import { Access } from '../auth/role';
import type { LocalDate } from '../calendar/local-date';
import { Allow } from '../graphql/access';
import type { RequestContext } from '../graphql/context';
import { LocalDateScalar } from '../graphql/scalars';
import { Modification } from '../modifications/modification.entity';
import { Consultation } from './consultation.entity';
import { ConsultationInput, UpdateConsultationInput } from './consultation.types';
import { ConsultationObject } from './consultation.graphql-types';
import { ModificationObject } from '../modifications/modification.graphql-types';

@Resolver(() => ConsultationObject)
export class ConsultationResolver {
  @Query(() => [ConsultationObject], { description: 'Consultations open at any time within [from, to]: opened by to, and not closed before from.' })
  @Allow(Access.read)
  consultations(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => LocalDateScalar, { description: 'The first day.', nullable: true }) from: LocalDate | null,
    @Arg('to', () => LocalDateScalar, { description: 'The last day.', nullable: true }) to: LocalDate | null,
  ): Promise<Consultation[]> {
    return ctx.services.consultations.list(ctx, from, to);
  }

  @Mutation(() => ConsultationObject, { description: 'Records a consultation on a proposal.' })
  @Allow(Access.admin)
  openConsultation(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The consultation.' }) input: ConsultationInput): Promise<Consultation> {
    return ctx.services.consultations.open(ctx, input);
  }

  @Mutation(() => ConsultationObject, { description: "Corrects a consultation's window or note, or sets its closing day once it is known; digests and calendar feeds follow at once." })
  @Allow(Access.admin)
  updateConsultation(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The consultation.' }) id: string,
    @Arg('input', { description: 'What to set; what is left out stays.' }) input: UpdateConsultationInput,
  ): Promise<Consultation> {
    return ctx.services.consultations.update(ctx, id, input);
  }

  @FieldResolver(() => ModificationObject, { description: 'The proposal consulted on.' })
  async modification(@Root() c: Consultation, @Ctx() ctx: RequestContext): Promise<Modification> {
    return preloadedOr(c, 'modification', async () => (await ctx.loaders.modificationById.load(c.modificationId))!);
  }
}
