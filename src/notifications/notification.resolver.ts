import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../auth/role';
import type { LocalDate } from '../calendar/local-date';
import { Allow } from '../graphql/access';
import type { RequestContext } from '../graphql/context';
import { LocalDateScalar } from '../graphql/scalars';
import { DigestPreview, OutboxMessageConnection } from './notification.types';
import { MessageState, type OutboxMessage } from './outbox-message.entity';
import { OutboxMessageObject } from './outbox-message.graphql-types';
import type { RecipientGroup } from './recipient-group.entity';
import { RecipientGroupObject } from './recipient-group.graphql-types';
import { CreateRecipientGroupInput, UpdateRecipientGroupInput } from './recipient-group.types';

@Resolver(() => RecipientGroupObject)
export class RecipientGroupResolver {
  @Query(() => [RecipientGroupObject], { description: 'Who receives the morning digest, and which parts.' })
  @Allow(Access.admin)
  recipientGroups(@Ctx() ctx: RequestContext): Promise<RecipientGroup[]> {
    return ctx.services.recipientGroups.list(ctx);
  }

  @Mutation(() => RecipientGroupObject, { description: 'Adds a recipient group of the morning digests.' })
  @Allow(Access.admin)
  createRecipientGroup(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The group.' }) input: CreateRecipientGroupInput): Promise<RecipientGroup> {
    return ctx.services.recipientGroups.create(ctx, input);
  }

  @Mutation(() => RecipientGroupObject, { description: 'Change addresses or sections, or disable (enabled: false) a group.' })
  @Allow(Access.admin)
  updateRecipientGroup(
    @Ctx() ctx: RequestContext,
    @Arg('name', { description: 'The group.' }) name: string,
    @Arg('input', { description: 'What to set; what is left out stays.' }) input: UpdateRecipientGroupInput,
  ): Promise<RecipientGroup> {
    return ctx.services.recipientGroups.update(ctx, name, input);
  }

  @Query(() => DigestPreview, { description: 'The digest a group would get on a day, without sending or recording it.' })
  @Allow(Access.admin)
  async digestPreview(
    @Ctx() ctx: RequestContext,
    @Arg('group', { description: "The recipient group's name." }) group: string,
    @Arg('day', () => LocalDateScalar, { description: 'The day.' }) day: LocalDate,
  ): Promise<DigestPreview> {
    const composed = await ctx.services.digests.preview(ctx, group, day);
    const preview = new DigestPreview();
    Object.assign(preview, { group: composed?.digest.group ?? group, day, wouldSend: composed !== null, changesSince: composed?.digest.since ?? null });
    if (composed) return Object.assign(preview, { reason: null, ...composed.message });
    const workingDay = (await ctx.calendar()).isWorkingDay(day);
    return Object.assign(preview, {
      reason: workingDay ? 'Nothing to say that day: no email' : `${day} is not a Working Day: digests go out on Working Days only`,
      subject: null, text: null, html: null,
    });
  }
}

@Resolver(() => OutboxMessageObject)
export class OutboxMessageResolver {
  @Query(() => OutboxMessageConnection, { description: 'Messages the service recorded, newest first; `first` is at most 500.' })
  @Allow(Access.admin)
  messages(
    @Ctx() ctx: RequestContext,
    @Arg('state', () => MessageState, { description: 'Only those in this state.', nullable: true }) state: MessageState | null,
    @Arg('first', () => Int, { description: 'How many, 0 to 500.', defaultValue: 20 }) first: number,
    @Arg('after', () => String, { description: "The previous page's endCursor.", nullable: true }) after: string | null,
  ): Promise<OutboxMessageConnection> {
    return ctx.services.outbox.list(ctx, state, first, after);
  }

  @Query(() => OutboxMessageObject, { description: 'One message by id; null if there is none.', nullable: true })
  @Allow(Access.admin)
  message(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: "The message's id." }) id: string): Promise<OutboxMessage | null> {
    return ctx.services.outbox.find(ctx, id);
  }

  @Mutation(() => OutboxMessageObject, { description: 'Send a FAILED or IN_DOUBT message again, on purpose, with its Message-ID.' })
  @Allow(Access.admin)
  resendMessage(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The FAILED or IN_DOUBT message.' }) id: string): Promise<OutboxMessage> {
    return ctx.services.outbox.resend(ctx, id);
  }

  @Mutation(() => OutboxMessageObject, { description: 'Settle an IN_DOUBT message as SENT: its recipients say it arrived, so it is never sent again.' })
  @Allow(Access.admin)
  confirmMessageSent(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The message in doubt.' }) id: string): Promise<OutboxMessage> {
    return ctx.services.outbox.confirmSent(ctx, id);
  }

  @FieldResolver(() => String, { description: 'The recipient group it was sent to.' })
  async group(@Root() m: OutboxMessage, @Ctx() ctx: RequestContext): Promise<string> {
    return (await ctx.loaders.recipientGroupById.load(m.groupId))?.name ?? '(deleted group)';
  }
}
