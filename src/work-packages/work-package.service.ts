import { isYearMonth, type LocalDate } from '../calendar/local-date';
import { InvalidInputError, InvalidTransitionError, NotFoundError } from '../common/errors';
import { isId } from '../common/ids';
import type { ServiceContext } from '../common/service-context';
import type { ModificationService } from '../modifications/modification.service';
import { WorkPackage } from './work-package.entity';
import type { WorkPackageInput } from './work-package.types';



export class WorkPackageService {
  constructor(private readonly modifications: ModificationService) {}

  async list(ctx: ServiceContext, overdueAsOf?: LocalDate | null): Promise<WorkPackage[]> {
    const query = ctx.db.getRepository(WorkPackage).createQueryBuilder('w');
    if (overdueAsOf) {
      // The return month has ended when its last day is before asOf, i.e. the month is before asOf's month.
      query.andWhere('w.completed_on IS NULL').andWhere('w.return_to_panel_month < :month', { month: overdueAsOf.slice(0, 7) });
    }
    return query.orderBy('w.return_to_panel_month', 'ASC').addOrderBy('w.created_at', 'ASC').getMany();
  }

  async plan(ctx: ServiceContext, input: WorkPackageInput): Promise<WorkPackage> {
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
