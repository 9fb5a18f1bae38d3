import { type EntityManager, In, IsNull, type SelectQueryBuilder } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { ForbiddenError, InvalidInputError, InvalidTransitionError, NotFoundError } from '../common/errors';
import { Role } from '../auth/role';
import { isId } from '../common/ids';
import type { ServiceContext } from '../common/service-context';
import type { ModificationService } from '../modifications/modification.service';
import { checkPageSize, encodeCursor, type Page, toPage } from '../common/pages';
import { slaOn } from '../sla/sla-calculator';
import { Assessment } from './assessment.entity';
import { decodeAssessmentCursor, orderKeyOf } from './assessment-reads';
import { DEFAULT_TARGET_WORKING_DAYS, MAX_COST_GBP } from './assessment.enums';
import { AssessmentPause } from './assessment-pause.entity';
import type { AssessmentFilterFields, CorrectAssessmentInputFields, RequestAssessmentInputFields } from './assessment.fields';
import type { OwedJobs } from '../queue/owed-jobs';
import { factNotAfterToday } from '../register-rules/rules';

const ORDER_KEY = orderKeyOf('a');

export class AssessmentService {
  constructor(private readonly modifications: ModificationService, private readonly owed: OwedJobs) {}

  async find(ctx: ServiceContext, id: string): Promise<Assessment | null> {
    return isId(id) ? ctx.db.getRepository(Assessment).findOneBy({ id }) : null;
  }

  async list(ctx: ServiceContext, filter: AssessmentFilterFields | undefined, first: number, after?: string | null): Promise<Page<Assessment>> {
    checkPageSize(first);
    const query = ctx.db.getRepository(Assessment).createQueryBuilder('a').addSelect(`${ORDER_KEY}::text`, 'order_key');
    if (filter?.type) query.andWhere('a.type = :type', { type: filter.type });
    if (filter?.modification) {
      const m = await this.modifications.get(ctx, filter.modification);
      if (!m) throw new NotFoundError('Proposal', filter.modification);
      query.andWhere('a.modification_id = :mid', { mid: m.id });
    }
    query.orderBy(ORDER_KEY, 'ASC').addOrderBy('a.id', 'ASC');
    const cursorOf = (a: Assessment & { orderKey?: string }) => encodeCursor([a.orderKey, a.id]);
    const afterKey = after ? decodeAssessmentCursor(after) : null;

    if (!filter?.statuses?.length) {
      const totalCount = await query.clone().getCount();
      if (afterKey) query.andWhere(`(${ORDER_KEY}, a.id) > (:k::date, :id::uuid)`, { k: afterKey[0], id: afterKey[1] });
      const rows = await withOrderKeys(query.limit(first + 1));
      return toPage({ rows, first, totalCount, after, cursorOf });
    }

    // A status is a function of the facts and the day, so it is judged here, on every candidate.
    const asOf = filter.asOf ?? ctx.clock.today();
    const wanted = new Set<string>(filter.statuses);
    const [all, calendar] = await Promise.all([withOrderKeys(query), ctx.calendar()]);
    const pauses = await this.pausesOf(ctx, all.map((a) => a.id));
    const matching = all.filter((a) => {
      const status = slaOn({ ...a, pauses: pauses.get(a.id) ?? [] }, asOf, calendar, ctx.dueSoonWorkingDays).status;
      return wanted.has(status);
    });
    const start = afterKey ? matching.findIndex((a) => a.orderKey! > afterKey[0] || (a.orderKey === afterKey[0] && a.id > afterKey[1])) : 0;
    const rest = start < 0 ? [] : matching.slice(start);
    return toPage({ rows: rest.slice(0, first + 1), first, totalCount: matching.length, after, cursorOf });
  }

  /** The pauses of these assessments, oldest first, in one statement. */
  async pausesOf(ctx: ServiceContext, ids: readonly string[]): Promise<Map<string, AssessmentPause[]>> {
    if (ids.length === 0) return new Map();
    const rows = await ctx.db.getRepository(AssessmentPause).find({ where: { assessmentId: In([...ids]) }, order: { from: 'ASC' } });
    return Map.groupBy(rows, (p) => p.assessmentId);
  }

  /** Every assessment with its pauses: the input of the report figures. */
  async allFacts(ctx: ServiceContext): Promise<Array<Assessment & { pauses: AssessmentPause[] }>> {
    const [assessments, pauses] = await Promise.all([
      ctx.db.getRepository(Assessment).find(),
      ctx.db.getRepository(AssessmentPause).find({ order: { from: 'ASC' } }),
    ]);
    const byAssessment = Map.groupBy(pauses, (p) => p.assessmentId);
    return assessments.map((a) => Object.assign(a, { pauses: byAssessment.get(a.id) ?? [] }));
  }

  async request(ctx: ServiceContext, input: RequestAssessmentInputFields): Promise<Assessment> {
    factNotAfterToday('requestedOn', input.requestedOn, ctx.clock.today());
    return ctx.db.transaction(async (tx) => {
      const m = await this.modifications.requireByReference(tx, input.modification);
      const repo = tx.getRepository(Assessment);
      return repo.save(
        repo.create({
          modificationId: m.id,
          type: input.type,
          requestedOn: input.requestedOn,
          targetWorkingDays: input.targetWorkingDays ?? DEFAULT_TARGET_WORKING_DAYS[input.type],
          changeRequest: input.changeRequest?.trim() || null,
          acceptedOn: null, returnedOn: null, expectedCompletionOn: null, costGbpText: null, commentary: null, note: null,
        }),
      );
    });
  }

  async accept(ctx: ServiceContext, id: string, acceptedOn: LocalDate): Promise<Assessment> {
    factNotAfterToday('acceptedOn', acceptedOn, ctx.clock.today());
    return this.change(ctx, id, async (a) => {
      if (a.acceptedOn) throw new InvalidTransitionError(`The assessment was already accepted on ${a.acceptedOn}`);
      if (a.returnedOn) throw new InvalidTransitionError(`The assessment was already returned on ${a.returnedOn}`);
      if (a.requestedOn && acceptedOn < a.requestedOn) {
        throw new InvalidInputError(`acceptedOn ${acceptedOn} is before the request of ${a.requestedOn}`);
      }
      a.acceptedOn = acceptedOn;
    });
  }

  async pause(ctx: ServiceContext, id: string, from: LocalDate, reason: string): Promise<Assessment> {
    if (!reason.trim()) throw new InvalidInputError('A pause needs a reason');
    factNotAfterToday('from', from, ctx.clock.today());
    return this.change(ctx, id, async (a, tx) => {
      if (!a.acceptedOn) throw new InvalidTransitionError('No clock runs before the DCC accepts the assessment: nothing to pause');
      if (from <= a.acceptedOn) throw new InvalidInputError(`A pause starts after acceptance (${a.acceptedOn}); got ${from}`);
      if (a.returnedOn) throw new InvalidTransitionError(`The assessment was returned on ${a.returnedOn}: its clock has stopped for good`);
      const pauses = await tx.getRepository(AssessmentPause).find({ where: { assessmentId: a.id }, order: { from: 'ASC' } });
      const open = pauses.find((p) => p.to === null);
      if (open) throw new InvalidTransitionError(`The assessment is already paused since ${open.from}: resume it first`);
      const overlapping = pauses.find((p) => p.to !== null && from < p.to);
      if (overlapping) {
        throw new InvalidInputError(`A pause from ${from} overlaps the pause from ${overlapping.from} to ${overlapping.to}`);
      }
      await tx.getRepository(AssessmentPause).insert({ assessmentId: a.id, from, to: null, reason: reason.trim() });
    });
  }

  async resume(ctx: ServiceContext, id: string, on: LocalDate): Promise<Assessment> {
    factNotAfterToday('on', on, ctx.clock.today());
    return this.change(ctx, id, async (a, tx) => {
      const open = await tx.getRepository(AssessmentPause).findOneBy({ assessmentId: a.id, to: IsNull() });
      if (!open) throw new InvalidTransitionError('The assessment is not paused: nothing to resume');
      if (on <= open.from) throw new InvalidInputError(`The pause began on ${open.from}; it cannot end on ${on}`);
      await tx.getRepository(AssessmentPause).update({ id: open.id }, { to: on });
    });
  }

  async setExpectedCompletion(ctx: ServiceContext, id: string, expectedOn: LocalDate, commentary?: string | null): Promise<Assessment> {
    return this.change(ctx, id, async (a) => {
      const floor = a.acceptedOn ?? a.requestedOn;
      if (floor && expectedOn < floor) throw new InvalidInputError(`expectedCompletionOn ${expectedOn} is before ${floor}`);
      a.expectedCompletionOn = expectedOn;
      if (commentary !== undefined && commentary !== null) a.commentary = commentary;
    });
  }

  async return(ctx: ServiceContext, id: string, returnedOn: LocalDate, costGbp?: number | null): Promise<Assessment> {
    if (costGbp !== undefined && costGbp !== null && !(Number.isFinite(costGbp) && costGbp >= 0 && costGbp <= MAX_COST_GBP)) {
      throw new InvalidInputError(`costGbp must be between 0 and ${MAX_COST_GBP}; got ${costGbp}`);
    }
    factNotAfterToday('returnedOn', returnedOn, ctx.clock.today());
    return this.change(ctx, id, async (a, tx) => {
      if (!a.acceptedOn) throw new InvalidTransitionError('The DCC has not accepted the assessment yet: it cannot be returned');
      if (returnedOn < a.acceptedOn) throw new InvalidInputError(`returnedOn ${returnedOn} is before acceptance on ${a.acceptedOn}`);
      if (a.returnedOn) throw new InvalidTransitionError(`The assessment was already returned on ${a.returnedOn}`);
      const pauses = await tx.getRepository(AssessmentPause).findBy({ assessmentId: a.id });
      if (pauses.some((p) => p.to === null)) throw new InvalidTransitionError('The assessment is paused: resume it before returning it');
      const lastResume = pauses.map((p) => p.to!).sort().at(-1);
      if (lastResume && returnedOn < lastResume) throw new InvalidInputError(`returnedOn ${returnedOn} is inside a pause that ended ${lastResume}`);
      a.returnedOn = returnedOn;
      if (costGbp !== undefined && costGbp !== null) a.costGbpText = costGbp.toFixed(2);
    });
  }

  /**
   * Corrects the facts of an assessment recorded in error. The dates must still tell a possible
   * story (requested, then accepted, then returned; pauses inside the clock; none after today);
   * its target and SLA position follow at once (read from the facts), and so does the status the
   * nightly recompute stores: an incremental recompute for today is owed with the correction.
   */
  async correct(ctx: ServiceContext, id: string, input: CorrectAssessmentInputFields): Promise<Assessment> {
    // Each fact is corrected by the role that records it: the request is SECAS's, the rest the DCC's too.
    const secasOnly = (['requestedOn', 'targetWorkingDays', 'changeRequest'] as const).filter((k) => input[k] !== undefined);
    if (ctx.caller && ctx.caller.role !== Role.ADMIN && secasOnly.length) {
      throw new ForbiddenError(`${secasOnly.join(', ')}: SECAS records the request, so only an ADMIN key corrects it; the DCC corrects acceptedOn, returnedOn, costGbp and commentary`);
    }
    if (input.requestedOn === null) throw new InvalidInputError('requestedOn cannot be cleared: an assessment was requested on a day');
    if (input.targetWorkingDays === null) throw new InvalidInputError('targetWorkingDays cannot be cleared: give the target in Working Days');
    const cost = input.costGbp;
    if (cost !== undefined && cost !== null && !(Number.isFinite(cost) && cost >= 0 && cost <= MAX_COST_GBP)) {
      throw new InvalidInputError(`costGbp must be between 0 and ${MAX_COST_GBP}; got ${cost}`);
    }
    const today = ctx.clock.today();
    for (const field of ['requestedOn', 'acceptedOn', 'returnedOn'] as const) factNotAfterToday(field, input[field], today);
    const corrected = await this.change(ctx, id, async (a, tx) => {
      const keep = <K extends keyof CorrectAssessmentInputFields>(k: K) => input[k] !== undefined;
      if (keep('requestedOn')) a.requestedOn = input.requestedOn!;
      if (keep('acceptedOn')) a.acceptedOn = input.acceptedOn ?? null;
      if (keep('returnedOn')) a.returnedOn = input.returnedOn ?? null;
      if (keep('targetWorkingDays')) a.targetWorkingDays = input.targetWorkingDays!;
      if (keep('changeRequest')) a.changeRequest = input.changeRequest?.trim() || null;
      if (keep('costGbp')) a.costGbpText = cost === null || cost === undefined ? null : cost.toFixed(2);
      if (keep('commentary')) a.commentary = input.commentary?.trim() || null;
      const pauses = await tx.getRepository(AssessmentPause).find({ where: { assessmentId: a.id }, order: { from: 'ASC' } });
      checkStory(a, pauses);
      await this.owed.owe(tx, 'sla-recompute', { asOf: today, reason: 'correction' });
    });
    await this.owed.dispatchSoon(ctx.db, ctx.logger);
    return corrected;
  }

  /** One transaction, the row locked, the change applied and the version bumped. */
  private async change(ctx: ServiceContext, id: string, apply: (a: Assessment, tx: EntityManager) => Promise<void>): Promise<Assessment> {
    if (!isId(id)) throw new NotFoundError('Assessment', id);
    return ctx.db.transaction(async (tx) => {
      const a = await tx.getRepository(Assessment).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!a) throw new NotFoundError('Assessment', id);
      await apply(a, tx);
      a.version += 1;
      return tx.getRepository(Assessment).save(a);
    });
  }
}

/** The dates of a corrected assessment still tell a possible story: said in the words of the fields. */
function checkStory(a: Assessment, pauses: readonly AssessmentPause[]): void {
  if (a.requestedOn && a.acceptedOn && a.acceptedOn < a.requestedOn) throw new InvalidInputError(`acceptedOn ${a.acceptedOn} is before the request of ${a.requestedOn}`);
  if (a.returnedOn && !a.acceptedOn) throw new InvalidInputError(`returnedOn ${a.returnedOn} without acceptedOn: the DCC returns what it accepted`);
  if (a.returnedOn && a.acceptedOn && a.returnedOn < a.acceptedOn) throw new InvalidInputError(`returnedOn ${a.returnedOn} is before acceptance on ${a.acceptedOn}`);
  if (pauses.length && !a.acceptedOn) throw new InvalidInputError(`The assessment has pauses from ${pauses[0]!.from}: it was accepted before them (acceptedOn cannot be cleared)`);
  const early = pauses.find((p) => a.acceptedOn && p.from <= a.acceptedOn);
  if (early) throw new InvalidInputError(`acceptedOn ${a.acceptedOn} is not before the pause from ${early.from}: pauses start after acceptance`);
  if (a.returnedOn) {
    if (pauses.some((p) => p.to === null)) throw new InvalidInputError(`returnedOn ${a.returnedOn}: the assessment is paused; resume it first`);
    const late = pauses.find((p) => p.to! > a.returnedOn!);
    if (late) throw new InvalidInputError(`returnedOn ${a.returnedOn} is inside the pause from ${late.from} to ${late.to}`);
  }
}

/** [order date or 'infinity', id], as `list` gives them out; anything else is not our cursor. */
async function withOrderKeys(query: SelectQueryBuilder<Assessment>): Promise<Array<Assessment & { orderKey: string }>> {
  const { raw, entities } = await query.getRawAndEntities();
  return entities.map((a, i) => Object.assign(a, { orderKey: String(raw[i].order_key) }));
}

