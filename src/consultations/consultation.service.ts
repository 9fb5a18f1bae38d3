import type { LocalDate } from '../calendar/local-date';
import { InvalidInputError } from '../common/errors';
import type { ServiceContext } from '../common/service-context';
import type { CompiledAnswer } from '../read-model/answer-json';
import { type ListQuery, readList, readListAnswer } from '../read-model/list-sql';
import type { ModificationService } from '../modifications/modification.service';
import { Consultation } from './consultation.entity';
import type { ConsultationInput } from './consultation.types';

export class ConsultationService {
  constructor(private readonly modifications: ModificationService) {}

  /** Consultations open at any time within [from, to]: opened by `to`, and not closed before `from`. */
  async list(ctx: ServiceContext, from?: LocalDate | null, to?: LocalDate | null): Promise<Consultation[]> {
    return readList(ctx.db, Consultation, this.listQuery(from, to));
  }

  /** The same list, as answers PostgreSQL builds whole (read-model/answer-json). */
  async listAnswers(ctx: ServiceContext, answer: CompiledAnswer, from?: LocalDate | null, to?: LocalDate | null): Promise<unknown[]> {
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

  async open(ctx: ServiceContext, input: ConsultationInput): Promise<Consultation> {
    if (input.closesOn && input.closesOn <= input.opensOn) {
      throw new InvalidInputError(`A consultation closes after it opens: closesOn ${input.closesOn} is not after opensOn ${input.opensOn}`);
    }
    return ctx.db.transaction(async (tx) => {
      const m = await this.modifications.requireByReference(tx, input.modification);
      if (await tx.getRepository(Consultation).existsBy({ modificationId: m.id, kind: input.kind, opensOn: input.opensOn })) {
        throw new InvalidInputError(`${input.modification} already has a ${input.kind} consultation opening on ${input.opensOn}`);
      }
      const repo = tx.getRepository(Consultation);
      return repo.save(repo.create({ modificationId: m.id, kind: input.kind, opensOn: input.opensOn, closesOn: input.closesOn ?? null, note: input.note ?? null }));
    });
  }
}
