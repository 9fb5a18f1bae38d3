import { InvalidInputError } from '../common/errors';
import type { ServiceContext } from '../common/service-context';
import type { ModificationService } from '../modifications/modification.service';
import { Decision } from './decision.entity';
import type { DecisionInput } from './decision.types';

export class DecisionService {
  constructor(private readonly modifications: ModificationService) {}

  async record(ctx: ServiceContext, input: DecisionInput): Promise<Decision> {
    const outcome = input.outcome.trim();
    if (!outcome) throw new InvalidInputError('outcome is required, e.g. APPROVED');
    return ctx.db.transaction(async (tx) => {
      const m = await this.modifications.requireByReference(tx, input.modification);
      const key = { modificationId: m.id, body: input.body, on: input.on, outcome };
      if (await tx.getRepository(Decision).existsBy(key)) {
        throw new InvalidInputError(`${input.body} already recorded ${outcome} on ${input.modification} on ${input.on}`);
      }
      const repo = tx.getRepository(Decision);
      return repo.save(repo.create({ ...key, objectives: input.objectives ?? [], note: input.note ?? null }));
    });
  }
}
