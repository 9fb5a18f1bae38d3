import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { preloadedOr } from '../read-model/preloaded';
import { Access } from '../auth/role';
import type { LocalDate } from '../calendar/local-date';
import { Allow } from '../graphql/access';
import type { RequestContext } from '../graphql/context';
import { LocalDateScalar } from '../graphql/scalars';
import { Modification } from '../modifications/modification.entity';
import { Meeting } from './meeting.entity';
import { AGENDA_DEADLINE_WORKING_DAYS, MeetingBody, PAPERS_DEADLINE_WORKING_DAYS } from './meeting.enums';
import { ScheduleMeetingInput } from './meeting.types';
import { MeetingObject } from './meeting.graphql-types';
import { ModificationObject } from '../modifications/modification.graphql-types';

@Resolver(() => MeetingObject)
export class MeetingResolver {
  @Query(() => [MeetingObject], { description: 'Meetings from one day to another, by date.' })
  @Allow(Access.read)
  meetings(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => LocalDateScalar, { description: 'The first day.', nullable: true }) from: LocalDate | null,
    @Arg('to', () => LocalDateScalar, { description: 'The last day.', nullable: true }) to: LocalDate | null,
    @Arg('body', () => MeetingBody, { description: "Only this body's.", nullable: true }) body: MeetingBody | null,
  ): Promise<Meeting[]> {
    return ctx.services.meetings.list(ctx, from, to, body);
  }

  @Mutation(() => MeetingObject, { description: 'Records a meeting on a Working Day.' })
  @Allow(Access.admin)
  scheduleMeeting(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The meeting.' }) input: ScheduleMeetingInput): Promise<Meeting> {
    return ctx.services.meetings.schedule(ctx, input);
  }

  @Mutation(() => MeetingObject, { description: 'Moves a meeting to another Working Day; its agenda and papers deadlines, and calendar feeds, move with it.' })
  @Allow(Access.admin)
  rescheduleMeeting(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The meeting.' }) id: string,
    @Arg('date', () => LocalDateScalar, { description: 'Its new day: a Working Day on which the body does not meet already.' }) date: LocalDate,
    @Arg('note', () => String, { nullable: true, description: 'Why it moved, kept as its note.' }) note: string | null,
  ): Promise<Meeting> {
    return ctx.services.meetings.reschedule(ctx, id, date, note);
  }

  @Mutation(() => MeetingObject, { description: 'Calls a meeting off: it stays in the register marked cancelled (today, and why), and calendar feeds show it cancelled.' })
  @Allow(Access.admin)
  cancelMeeting(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The meeting.' }) id: string,
    @Arg('reason', { description: 'Why it is called off.' }) reason: string,
  ): Promise<Meeting> {
    return ctx.services.meetings.cancel(ctx, id, reason);
  }

  @Mutation(() => MeetingObject, { description: "Sets a meeting's agenda, replacing the one it had." })
  @Allow(Access.admin)
  setAgenda(
    @Ctx() ctx: RequestContext,
    @Arg('meetingId', () => ID, { description: 'The meeting.' }) meetingId: string,
    @Arg('references', () => [String], { description: 'The proposals, in order, each once.' }) references: string[],
  ): Promise<Meeting> {
    return ctx.services.meetings.setAgenda(ctx, meetingId, references);
  }

  @Mutation(() => [MeetingObject], { description: 'Working Group meetings on the first Wednesday of each month of the year that is a Working Day.' })
  @Allow(Access.admin)
  scheduleWorkingGroups(@Ctx() ctx: RequestContext, @Arg('year', () => Int, { description: 'The year, 2000 to 2100.' }) year: number): Promise<Meeting[]> {
    return ctx.services.meetings.scheduleWorkingGroups(ctx, year);
  }

  @FieldResolver(() => [ModificationObject], { description: 'The proposals on its agenda, in order.' })
  agenda(@Root() meeting: Meeting, @Ctx() ctx: RequestContext): Modification[] | Promise<Modification[]> {
    return preloadedOr(meeting, 'agenda', () => ctx.loaders.agendaByMeeting.load(meeting.id));
  }

  @FieldResolver(() => LocalDateScalar, { description: '10 Working Days before the meeting: the agenda must be confirmed by then.' })
  async agendaDeadline(@Root() meeting: Meeting, @Ctx() ctx: RequestContext): Promise<LocalDate> {
    return (await ctx.calendar()).addWorkingDays(meeting.date, -AGENDA_DEADLINE_WORKING_DAYS);
  }

  @FieldResolver(() => LocalDateScalar, { description: '5 Working Days before the meeting: papers must be published by then.' })
  async papersDeadline(@Root() meeting: Meeting, @Ctx() ctx: RequestContext): Promise<LocalDate> {
    return (await ctx.calendar()).addWorkingDays(meeting.date, -PAPERS_DEADLINE_WORKING_DAYS);
  }
}
