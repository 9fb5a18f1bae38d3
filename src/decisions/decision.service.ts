import { InvalidInputError, NotFoundError } from '../common/errors';
import { isId } from '../common/ids';
import { decisionFitsTheProposal, factNotAfterToday, secObjectives } from '../register-rules/rules';
import { decisionFacts } from '../register-rules/register-facts.sql';
import type { ServiceContext } from '../common/service-context';
import type { ModificationService } from '../modifications/modification.service';
import { Decision } from './decision.entity';
import type { DecisionInputFields, UpdateDecisionInputFields } from './decision.fields';

export class DecisionService {
  constructor(private readonly modifications: ModificationService) {}

  async record(ctx: ServiceContext, input: DecisionInputFields): Promise<Decision> {
    const outcome = input.outcome.trim();
    if (!outcome) throw new InvalidInputError('outcome is required, e.g. APPROVED');
    factNotAfterToday('on', input.on, ctx.clock.today());
    const objectives = secObjectives(input.objectives ?? []);
    return ctx.db.transaction(async (tx) => {
      const m = await this.modifications.requireByReference(tx, input.modification);
      decisionFitsTheProposal(await decisionFacts(tx, m.id, input.body, input.on));
      const key = { modificationId: m.id, body: input.body, on: input.on, outcome };
      if (await tx.getRepository(Decision).existsBy(key)) {
        throw new InvalidInputError(`${input.body} already recorded ${outcome} on ${input.modification} on ${input.on}`);
      }
      const repo = tx.getRepository(Decision);
      return repo.save(repo.create({ ...key, objectives, note: input.note ?? null }));
    });
  }

  /** Corrects a decision recorded in error: who, when, what, the objectives it cited, its note. */
  async update(ctx: ServiceContext, id: string, input: UpdateDecisionInputFields): Promise<Decision> {
    for (const k of ['body', 'on', 'outcome', 'objectives'] as const) {
      if (input[k] === null) throw new InvalidInputError(`${k} cannot be cleared`);
    }
    factNotAfterToday('on', input.on, ctx.clock.today());
    const objectives = input.objectives ? secObjectives(input.objectives) : undefined;
    const outcome = input.outcome?.trim();
    if (outcome === '') throw new InvalidInputError('outcome is required, e.g. APPROVED');
    return ctx.db.transaction(async (tx) => {
      const repo = tx.getRepository(Decision);
      const d = isId(id) ? await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!d) throw new NotFoundError('Decision', id);
      Object.assign(d, {
        body: input.body ?? d.body, on: input.on ?? d.on, outcome: outcome ?? d.outcome, objectives: objectives ?? d.objectives,
        note: input.note === undefined ? d.note : input.note?.trim() || null,
      });
      decisionFitsTheProposal(await decisionFacts(tx, d.modificationId, d.body, d.on));
      const twin = await repo.findOneBy({ modificationId: d.modificationId, body: d.body, on: d.on, outcome: d.outcome });
      if (twin && twin.id !== d.id) throw new InvalidInputError(`${d.body} already recorded ${d.outcome} on this proposal on ${d.on}`);
      return repo.save(d);
    });
  }
}
