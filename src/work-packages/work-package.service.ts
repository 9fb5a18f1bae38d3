import { isYearMonth, type LocalDate } from '../calendar/local-date';
import { InvalidInputError, InvalidTransitionError, NotFoundError } from '../common/errors';
import { isId } from '../common/ids';
import type { ServiceContext } from '../common/service-context';
import type { CompiledAnswer } from '../read-model/answer-json';
import { type ListQuery, readList, readListAnswer } from '../read-model/list-sql';
import type { ModificationService } from '../modifications/modification.service';
import { WorkPackage } from './work-package.entity';
import type { WorkPackageInputFields } from './work-package.fields';
import { factNotAfterToday } from '../register-rules/rules';



/** Every work package by return month, or the open ones whose month ended before `overdueAsOf`. */
function listQuery(overdueAsOf?: LocalDate | null): ListQuery {
  const where: string[] = [];
  const params: unknown[] = [];
  if (overdueAsOf) {
    // The return month has ended when its last day is before asOf, i.e. the month is before asOf's month.
    where.push('t.completed_on IS NULL', `t.return_to_panel_month < $${params.push(overdueAsOf.slice(0, 7))}`);
  }
  return { table: 'work_package', where, params, order: 't.return_to_panel_month, t.created_at' };
}

export class WorkPackageService {
  constructor(private readonly modifications: ModificationService) {}

  async list(ctx: ServiceContext, overdueAsOf?: LocalDate | null): Promise<WorkPackage[]> {
    return readList(ctx.db, WorkPackage, listQuery(overdueAsOf));
  }

  /** The same list, as answers PostgreSQL builds whole (read-model/answer-json). */
  async listAnswers(ctx: ServiceContext, answer: CompiledAnswer, overdueAsOf?: LocalDate | null): Promise<unknown[] | string> {
    return readListAnswer(ctx.db, answer, listQuery(overdueAsOf));
  }

  async plan(ctx: ServiceContext, input: WorkPackageInputFields): Promise<WorkPackage> {
    if (!isYearMonth(input.returnToPanelMonth)) {
      throw new InvalidInputError(`returnToPanelMonth must be YYYY-MM, e.g. 2019-05; got ${JSON.stringify(input.returnToPanelMonth)}`);
    }
    const tasks = input.tasks.map((t) => t.trim());
    if (tasks.some((t) => !t)) throw new InvalidInputError('A task cannot be blank');
    return ctx.db.transaction(async (tx) => {
      const m = await this.modifications.requireByReference(tx, input.modification);
      if (await tx.getRepository(WorkPackage).existsBy({ modificationId: m.id, returnToPanelMonth: input.returnToPanelMonth })) {
        throw new InvalidInputError(`${input.modification} already has a work package returning to the Panel in ${input.returnToPanelMonth}`);
      }
      const repo = tx.getRepository(WorkPackage);
      return repo.save(repo.create({ modificationId: m.id, tasks, returnToPanelMonth: input.returnToPanelMonth, completedOn: null, note: input.note ?? null }));
    });
  }

  async complete(ctx: ServiceContext, id: string, on: LocalDate): Promise<WorkPackage> {
    factNotAfterToday('on', on, ctx.clock.today());
    return ctx.db.transaction(async (tx) => {
      const wp = isId(id) ? await tx.getRepository(WorkPackage).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!wp) throw new NotFoundError('Work package', id);
      if (wp.completedOn) throw new InvalidTransitionError(`The work package was already completed on ${wp.completedOn}`);
      wp.completedOn = on;
      wp.version += 1;
      return tx.getRepository(WorkPackage).save(wp);
    });
  }
}
