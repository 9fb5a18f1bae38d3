import type { LocalDate } from '../calendar/local-date';
import { InvalidInputError, NotFoundError } from '../common/errors';
import { isId } from '../common/ids';
import type { ServiceContext } from '../common/service-context';
import type { CompiledAnswer } from '../read-model/answer-json';
import { type ListQuery, readList, readListAnswer } from '../read-model/list-sql';
import type { ModificationService } from '../modifications/modification.service';
import { Consultation } from './consultation.entity';
import type { ConsultationInputFields, UpdateConsultationInputFields } from './consultation.fields';

export class ConsultationService {
  constructor(private readonly modifications: ModificationService) {}

  /** Consultations open at any time within [from, to]: opened by `to`, and not closed before `from`. */
  async list(ctx: ServiceContext, from?: LocalDate | null, to?: LocalDate | null): Promise<Consultation[]> {
    return readList(ctx.db, Consultation, this.listQuery(from, to));
  }

  /** The same list, as answers PostgreSQL builds whole (read-model/answer-json). */
  async listAnswers(ctx: ServiceContext, answer: CompiledAnswer, from?: LocalDate | null, to?: LocalDate | null): Promise<unknown[] | string> {
    return readListAnswer(ctx.db, answer, this.listQuery(from, to));
  }

  private listQuery(from?: LocalDate | null, to?: LocalDate | null): ListQuery {
    if (from && to && to < from) throw new InvalidInputError(`to (${to}) is before from (${from})`);
    const where: string[] = [];
    const params: unknown[] = [];
    if (to) where.push(`t.opens_on <= $${params.push(to)}`);
    if (from) where.push(`(t.closes_on IS NULL OR t.closes_on >= $${params.push(from)})`);
    return { table: 'consultation', where, params, order: 't.opens_on, t.id' };
  }

  async open(ctx: ServiceContext, input: ConsultationInputFields): Promise<Consultation> {
    closesAfterItOpens(input.opensOn, input.closesOn);
    return ctx.db.transaction(async (tx) => {
      const m = await this.modifications.requireByReference(tx, input.modification);
      if (await tx.getRepository(Consultation).existsBy({ modificationId: m.id, kind: input.kind, opensOn: input.opensOn })) {
        throw new InvalidInputError(`${input.modification} already has a ${input.kind} consultation opening on ${input.opensOn}`);
      }
      const repo = tx.getRepository(Consultation);
      return repo.save(repo.create({ modificationId: m.id, kind: input.kind, opensOn: input.opensOn, closesOn: input.closesOn ?? null, note: input.note ?? null }));
    });
  }

  /**
   * Corrects a consultation's window or note (its closing day is set here once it is known); the
   * digests and calendar feeds read the new window at once. A field left out stays as it was.
   */
  async update(ctx: ServiceContext, id: string, input: UpdateConsultationInputFields): Promise<Consultation> {
    if (input.opensOn === null) throw new InvalidInputError('opensOn cannot be cleared: a consultation opens on a day');
    return ctx.db.transaction(async (tx) => {
      const repo = tx.getRepository(Consultation);
      const c = isId(id) ? await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!c) throw new NotFoundError('Consultation', id);
      const opensOn = input.opensOn ?? c.opensOn;
      const closesOn = input.closesOn === undefined ? c.closesOn : input.closesOn;
      closesAfterItOpens(opensOn, closesOn);
      if (opensOn !== c.opensOn && (await repo.existsBy({ modificationId: c.modificationId, kind: c.kind, opensOn }))) {
        throw new InvalidInputError(`The proposal already has a ${c.kind} consultation opening on ${opensOn}`);
      }
      Object.assign(c, { opensOn, closesOn, note: input.note === undefined ? c.note : input.note.trim() || null });
      c.version += 1;
      return repo.save(c);
    });
  }
}

function closesAfterItOpens(opensOn: LocalDate, closesOn: LocalDate | null | undefined): void {
  if (closesOn && closesOn <= opensOn) {
    throw new InvalidInputError(`A consultation closes after it opens: closesOn ${closesOn} is not after opensOn ${opensOn}`);
  }
}
