import { type EntityManager, In } from 'typeorm';
import { firstWorkingWednesday } from '../calendar/working-calendar';
import type { LocalDate } from '../calendar/local-date';
import { InvalidInputError, InvalidTransitionError, NotFoundError } from '../common/errors';
import { meetingOnWorkingDay, onlyPanelsNumbered } from '../register-rules/rules';
import { isId } from '../common/ids';
import type { ServiceContext } from '../common/service-context';
import type { CompiledAnswer } from '../read-model/answer-json';
import { type ListQuery, readList, readListAnswer } from '../read-model/list-sql';
import type { ModificationService } from '../modifications/modification.service';
import { AgendaItem } from './agenda-item.entity';
import { Meeting } from './meeting.entity';
import { MeetingBody } from './meeting.enums';
import type { ScheduleMeetingInputFields } from './meeting.fields';


export class MeetingService {
  constructor(private readonly modifications: ModificationService) {}

  async list(ctx: ServiceContext, from?: LocalDate | null, to?: LocalDate | null, body?: MeetingBody | null): Promise<Meeting[]> {
    return readList(ctx.db, Meeting, this.listQuery(from, to, body));
  }

  /** The same list, as answers PostgreSQL builds whole (read-model/answer-json). */
  async listAnswers(ctx: ServiceContext, answer: CompiledAnswer, from?: LocalDate | null, to?: LocalDate | null, body?: MeetingBody | null): Promise<unknown[] | string> {
    return readListAnswer(ctx.db, answer, this.listQuery(from, to, body));
  }

  private listQuery(from?: LocalDate | null, to?: LocalDate | null, body?: MeetingBody | null): ListQuery {
    if (from && to && to < from) throw new InvalidInputError(`to (${to}) is before from (${from})`);
    const where: string[] = [];
    const params: unknown[] = [];
    if (from) where.push(`t.meeting_on >= $${params.push(from)}`);
    if (to) where.push(`t.meeting_on <= $${params.push(to)}`);
    if (body) where.push(`t.body = $${params.push(body)}`);
    return { table: 'meeting', where, params, order: 't.meeting_on, t.body' };
  }

  async schedule(ctx: ServiceContext, input: ScheduleMeetingInputFields): Promise<Meeting> {
    meetingOnWorkingDay(input.date, await ctx.calendar());
    onlyPanelsNumbered(input.body, input.number);
    return ctx.db.transaction(async (tx) => {
      if (await tx.getRepository(Meeting).existsBy({ body: input.body, date: input.date })) {
        throw new InvalidInputError(`${input.body} already meets on ${input.date}`);
      }
      const meeting = await tx.getRepository(Meeting).save(
        tx.getRepository(Meeting).create({
          body: input.body, date: input.date, title: input.title ?? null, number: input.number ?? null, note: null, cancelledOn: null, cancellationReason: null,
        }),
      );
      await this.writeAgenda(tx, meeting.id, input.agenda ?? []);
      return meeting;
    });
  }

  async setAgenda(ctx: ServiceContext, meetingId: string, references: readonly string[]): Promise<Meeting> {
    return this.change(ctx, meetingId, (meeting, tx) => this.writeAgenda(tx, meeting.id, references));
  }

  /**
   * Moves a meeting to another Working Day (its deadlines, and every feed's event, move with it).
   * A meeting called off is not moved: schedule a new one.
   */
  async reschedule(ctx: ServiceContext, meetingId: string, date: LocalDate, note?: string | null): Promise<Meeting> {
    meetingOnWorkingDay(date, await ctx.calendar());
    return this.change(ctx, meetingId, async (meeting, tx) => {
      if (meeting.cancelledOn) throw new InvalidTransitionError(`The meeting was called off on ${meeting.cancelledOn}: schedule a new one instead`);
      if (date === meeting.date) throw new InvalidInputError(`The meeting is on ${date} already`);
      if (await tx.getRepository(Meeting).existsBy({ body: meeting.body, date })) throw new InvalidInputError(`${meeting.body} already meets on ${date}`);
      meeting.date = date;
      if (note !== undefined && note !== null) meeting.note = note.trim() || null;
    });
  }

  /** Calls a meeting off: it stays in the register, marked with today's date and the reason; feeds show it cancelled. */
  async cancel(ctx: ServiceContext, meetingId: string, reason: string): Promise<Meeting> {
    const why = reason.trim();
    if (!why) throw new InvalidInputError('Say why the meeting is called off (reason)');
    return this.change(ctx, meetingId, async (meeting) => {
      if (meeting.cancelledOn) throw new InvalidTransitionError(`The meeting was called off already, on ${meeting.cancelledOn}`);
      meeting.cancelledOn = ctx.clock.today();
      meeting.cancellationReason = why;
    });
  }

  /** One transaction, the row locked, the change applied and the version bumped. */
  private async change(ctx: ServiceContext, meetingId: string, apply: (meeting: Meeting, tx: EntityManager) => Promise<void>): Promise<Meeting> {
    return ctx.db.transaction(async (tx) => {
      const meeting = isId(meetingId) ? await tx.getRepository(Meeting).findOne({ where: { id: meetingId }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!meeting) throw new NotFoundError('Meeting', meetingId);
      await apply(meeting, tx);
      meeting.version += 1;
      return tx.getRepository(Meeting).save(meeting);
    });
  }

  /** Working Group meetings on the first Wednesday of each month that is a Working Day; existing ones are kept. */
  async scheduleWorkingGroups(ctx: ServiceContext, year: number): Promise<Meeting[]> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new InvalidInputError(`year must be between 2000 and 2100; got ${year}`);
    const calendar = await ctx.calendar();
    const dates = Array.from({ length: 12 }, (_, i) => firstWorkingWednesday(`${year}-${String(i + 1).padStart(2, '0')}`, calendar))
      .filter((d): d is LocalDate => d !== null);
    return ctx.db.transaction(async (tx) => {
      await tx
        .createQueryBuilder()
        .insert()
        .into(Meeting)
        .values(dates.map((date) => ({ body: MeetingBody.WORKING_GROUP, date, title: `SEC Modification Working Group`, note: null, cancelledOn: null, cancellationReason: null })))
        .orIgnore()
        .execute();
      return tx.getRepository(Meeting).find({ where: { body: MeetingBody.WORKING_GROUP, date: In(dates) }, order: { date: 'ASC' } });
    });
  }

  async writeAgenda(tx: EntityManager, meetingId: string, references: readonly string[]): Promise<void> {
    const duplicates = references.filter((r, i) => references.indexOf(r) !== i);
    if (duplicates.length) throw new InvalidInputError(`The agenda lists ${duplicates.join(', ')} more than once`);
    const ids = await this.modifications.requireIds(tx, references);
    await tx.getRepository(AgendaItem).delete({ meetingId });
    if (references.length) {
      await tx.getRepository(AgendaItem).insert(references.map((r, position) => ({ meetingId, modificationId: ids.get(r)!, position })));
    }
  }
}
