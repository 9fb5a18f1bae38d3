import type { LocalDate } from '../calendar/local-date';
import { InvalidInputError } from '../common/errors';
import type { ServiceContext } from '../common/service-context';
import type { ModificationService } from '../modifications/modification.service';
import { Consultation } from './consultation.entity';
import type { ConsultationInput } from './consultation.types';

export class ConsultationService {
  constructor(private readonly modifications: ModificationService) {}

  /** Consultations open at any time within [from, to]: opened by `to`, and not closed before `from`. */
  async list(ctx: ServiceContext, from?: LocalDate | null, to?: LocalDate | null): Promise<Consultation[]> {
    if (from && to && to < from) throw new InvalidInputError(`to (${to}) is before from (${from})`);
    const query = ctx.db.getRepository(Consultation).createQueryBuilder('c');
    if (to) query.andWhere('c.opens_on <= :to', { to });
    if (from) query.andWhere('(c.closes_on IS NULL OR c.closes_on >= :from)', { from });
    return query.orderBy('c.opens_on', 'ASC').addOrderBy('c.id', 'ASC').getMany();
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
