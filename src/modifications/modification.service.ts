import type { EntityManager } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { InvalidInputError, NotFoundError, StaleVersionError } from '../common/errors';
import type { ServiceContext } from '../common/service-context';
import { Release } from '../releases/release.entity';
import { Modification } from './modification.entity';
import { ModificationKind, ModificationPhase } from './modification.enums';
import { ModificationDependency } from './modification-dependency.entity';
import type { CreateModificationInputFields, UpdateModificationInputFields } from './modification.fields';
import { PhaseChange } from './phase-change.entity';
import { assertCanMove } from './phase-lifecycle';
import { idOfReferenceSql } from './reference-lookup.sql';
import { factNotAfterToday, referenceFitsKind, RuleBrokenError } from '../register-rules/rules';

/** As the database checks it: letters, digits, an optional letter suffix (MP122A). */
const REFERENCE = /^[A-Za-z]+[0-9]+[A-Za-z]*$/;

export class ModificationService {
  /**
   * The proposals references name: a reference in any case, or a former reference (a converted
   * Draft Proposal's DP), maps to its proposal's id. Unknown ones are absent from the map.
   */
  async idsOf(db: Pick<EntityManager, 'query'>, references: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(references)];
    if (!unique.length) return new Map();
    const rows: Array<{ ref: string; id: string | null }> = await db.query(
      `SELECT r.ref, ${idOfReferenceSql('r.ref')} AS id FROM unnest($1::text[]) AS r(ref)`,
      [unique],
    );
    return new Map(rows.filter((r) => r.id !== null).map((r) => [r.ref, r.id!]));
  }

  async get(ctx: ServiceContext, reference: string): Promise<Modification | null> {
    const id = (await this.idsOf(ctx.db, [reference])).get(reference);
    return id ? ctx.db.getRepository(Modification).findOneBy({ id }) : null;
  }

  async requireByReference(tx: EntityManager, reference: string): Promise<Modification> {
    const id = (await this.idsOf(tx, [reference])).get(reference);
    const found = id ? await tx.getRepository(Modification).findOneBy({ id }) : null;
    if (!found) throw new NotFoundError('Proposal', reference);
    return found;
  }

  /** The proposal, locked for the rest of the transaction so that concurrent edits queue up. */
  async lockByReference(tx: EntityManager, reference: string): Promise<Modification> {
    const id = (await this.idsOf(tx, [reference])).get(reference);
    const found = id ? await tx.getRepository(Modification).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!found) throw new NotFoundError('Proposal', reference);
    return found;
  }

  async requireIds(tx: EntityManager, references: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(references)];
    const ids = await this.idsOf(tx, unique);
    const missing = unique.filter((r) => !ids.has(r));
    if (missing.length === 1) throw new NotFoundError('Proposal', missing[0]!);
    if (missing.length > 1) throw new InvalidInputError(`These proposals do not exist: ${missing.join(', ')}`, { missing });
    return ids;
  }

  /**
   * A Draft Proposal becomes a Modification Proposal under its new reference; the DP reference
   * stays as a former one, dated, and still finds it.
   */
  async convertDraftProposal(ctx: ServiceContext, reference: string, newReference: string, on: LocalDate): Promise<Modification> {
    const next = newReference.trim();
    if (!REFERENCE.test(next)) throw new InvalidInputError(`newReference must be letters then digits, e.g. MP153; got ${JSON.stringify(newReference)}`);
    if (/^DP/i.test(next)) throw new RuleBrokenError('referencesByKind', `newReference ${JSON.stringify(next)} is a Draft Proposal's: a Modification Proposal is MP153 or SECMP0015`);
    referenceFitsKind(next, ModificationKind.MODIFICATION_PROPOSAL, 'newReference');
    factNotAfterToday('on', on, ctx.clock.today());
    const id = await ctx.db.transaction(async (tx) => {
      const m = await this.lockByReference(tx, reference);
      if (m.kind !== ModificationKind.DRAFT_PROPOSAL) throw new InvalidInputError(`${m.reference} is a Modification Proposal already`);
      const taken = (await this.idsOf(tx, [next])).get(next);
      if (taken) throw new InvalidInputError(`The reference ${next} is taken${taken === m.id ? ` by ${m.reference} itself` : ''}`);
      await tx.query(`INSERT INTO modification_former_reference (reference, modification_id, replaced_on) VALUES ($1, $2, $3)`, [m.reference, m.id, on]);
      await tx.query(
        `UPDATE modification SET reference = $2, kind = 'MODIFICATION_PROPOSAL', version = version + 1, updated_at = now() WHERE id = $1`,
        [m.id, next],
      );
      return m.id;
    });
    ctx.logger.info({ from: reference, to: next, on, caller: ctx.caller?.name }, 'Draft Proposal converted');
    return (await ctx.db.getRepository(Modification).findOneBy({ id }))!;
  }

  async create(ctx: ServiceContext, input: CreateModificationInputFields): Promise<Modification> {
    referenceFitsKind(input.reference, input.kind);
    factNotAfterToday('raisedOn', input.raisedOn, ctx.clock.today());
    return ctx.db.transaction(async (tx) => {
      if ((await this.idsOf(tx, [input.reference])).size) {
        throw new InvalidInputError(`A proposal with reference ${input.reference} already exists (references are one whatever their case, and a converted Draft Proposal keeps its former one)`);
      }
      const phase = input.phase ?? ModificationPhase.DEFINE;
      const saved = await tx.getRepository(Modification).save(
        tx.getRepository(Modification).create({
          reference: input.reference,
          title: input.title.trim(),
          summary: input.summary ?? null,
          note: input.note ?? null,
          kind: input.kind,
          phase,
          path: input.path ?? null,
          proposer: input.proposer ?? null,
          proposerOrganisation: input.proposerOrganisation ?? null,
          raisedOn: input.raisedOn ?? null,
          onHold: false,
          onHoldReason: null,
          targetReleaseId: null,
        }),
      );
      await this.recordPhaseChange(tx, saved.id, null, phase, input.raisedOn ?? ctx.clock.today(), 'Raised');
      return saved;
    });
  }

  async update(ctx: ServiceContext, reference: string, input: UpdateModificationInputFields): Promise<Modification> {
    return ctx.db.transaction(async (tx) => {
      const m = await this.lockByReference(tx, reference);
      if (input.expectedVersion !== undefined && input.expectedVersion !== null && input.expectedVersion !== m.version) {
        throw new StaleVersionError(
          `${reference} has changed since you read it (version ${input.expectedVersion}, now ${m.version}): read it again and retry`,
        );
      }
      if (input.title === null) throw new InvalidInputError('title cannot be cleared');
      if (input.onHold === null) throw new InvalidInputError('onHold is true or false, not null');
      assign(m, input, ['title', 'summary', 'path', 'proposer', 'proposerOrganisation', 'onHold', 'onHoldReason']);
      if (input.onHold === false && input.onHoldReason === undefined) m.onHoldReason = null;
      if (m.onHold && !m.onHoldReason?.trim()) {
        throw new InvalidInputError(`Say why ${reference} is on hold: onHoldReason is required while onHold is true`);
      }
      if (input.targetRelease !== undefined && input.targetRelease !== null) {
        m.targetReleaseId = input.targetRelease === '' ? null : await this.requireReleaseId(tx, input.targetRelease);
      }
      if (input.dependsOn !== undefined) await this.replaceDependencies(tx, m, input.dependsOn ?? []);
      m.version += 1;
      return tx.getRepository(Modification).save(m);
    });
  }

  async changePhase(ctx: ServiceContext, reference: string, to: ModificationPhase, on: LocalDate, note?: string | null): Promise<Modification> {
    factNotAfterToday('on', on, ctx.clock.today());
    return ctx.db.transaction(async (tx) => {
      const m = await this.lockByReference(tx, reference);
      assertCanMove(reference, m.phase, to);
      const last = await tx.getRepository(PhaseChange).findOne({ where: { modificationId: m.id }, order: { on: 'DESC', recordedAt: 'DESC' } });
      if (last && on < last.on) {
        throw new InvalidInputError(`${reference} moved to ${last.to} on ${last.on}; a later phase change cannot be dated ${on}`);
      }
      await this.recordPhaseChange(tx, m.id, m.phase, to, on, note ?? null);
      // The Panel converts a Draft Proposal into a Modification Proposal when it leaves Define.
      if (m.kind === ModificationKind.DRAFT_PROPOSAL && m.phase === ModificationPhase.DEFINE && (to === ModificationPhase.REFINE || to === ModificationPhase.DECIDE)) {
        m.kind = ModificationKind.MODIFICATION_PROPOSAL;
      }
      m.phase = to;
      m.version += 1;
      return tx.getRepository(Modification).save(m);
    });
  }

  async recordPhaseChange(tx: EntityManager, modificationId: string, from: ModificationPhase | null, to: ModificationPhase, on: LocalDate, note: string | null): Promise<void> {
    await tx.getRepository(PhaseChange).insert({ modificationId, from, to, on, note });
  }

  async requireReleaseId(tx: EntityManager, name: string): Promise<string> {
    const release = await tx.getRepository(Release).findOneBy({ name });
    if (!release) throw new NotFoundError('Release', name);
    return release.id;
  }

  /** Replaces what a proposal waits on, refusing itself and cycles (A waits on B waits on A). */
  async replaceDependencies(tx: EntityManager, m: Modification, references: readonly string[]): Promise<void> {
    if (references.includes(m.reference)) throw new InvalidInputError(`${m.reference} cannot depend on itself`);
    const ids = await this.requireIds(tx, references);
    const targetIds = [...ids.values()];
    // Two concurrent edits (A waits on B, B waits on A) must not both pass the cycle check.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('modification_dependency'))`);
    if (targetIds.length) {
      const [{ cycle }] = await tx.query(
        `WITH RECURSIVE reach(id) AS (
           SELECT unnest($1::uuid[])
           UNION SELECT d.depends_on_id FROM modification_dependency d JOIN reach r ON d.modification_id = r.id)
         SELECT EXISTS (SELECT 1 FROM reach WHERE id = $2) AS cycle`,
        [targetIds, m.id],
      );
      if (cycle) throw new InvalidInputError(`${m.reference} cannot wait on those proposals: one of them already waits on ${m.reference}`);
    }
    await tx.getRepository(ModificationDependency).delete({ modificationId: m.id });
    if (targetIds.length) {
      await tx.getRepository(ModificationDependency).insert(targetIds.map((dependsOnId) => ({ modificationId: m.id, dependsOnId })));
    }
  }
}

/** Copies the fields the client sent (undefined means "leave it"). */
function assign<T extends object, K extends keyof T>(target: T, source: Partial<Record<K, unknown>>, keys: readonly K[]): void {
  for (const key of keys) {
    const value = source[key];
    if (value !== undefined) target[key] = value as T[K];
  }
}
