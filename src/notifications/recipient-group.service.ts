import type { EntityManager } from 'typeorm';
import { InvalidInputError, NotFoundError, StaleVersionError } from '../common/errors';
import { isEmailAddress } from '../common/email-address';
import type { ServiceContext } from '../common/service-context';
import { ALL_SECTIONS, DEFAULT_SECTIONS, type DigestSection } from './digest-section';
import { RecipientGroup } from './recipient-group.entity';
import type { CreateRecipientGroupInputFields, UpdateRecipientGroupInputFields } from './recipient-group.fields';

/** The addresses of a fresh install's two groups (NOTIFY_DCC, NOTIFY_SECAS). */
export interface DefaultRecipients {
  dcc: readonly string[];
  secas: readonly string[];
}

export class RecipientGroupService {
  async list(ctx: ServiceContext): Promise<RecipientGroup[]> {
    return ctx.db.getRepository(RecipientGroup).createQueryBuilder('g').orderBy('lower(g.name)', 'ASC').getMany();
  }

  /** The groups that receive digests; `db` may be the transaction that records them. */
  async enabled(db: EntityManager): Promise<RecipientGroup[]> {
    return db.getRepository(RecipientGroup).createQueryBuilder('g').where('g.enabled').orderBy('lower(g.name)', 'ASC').getMany();
  }

  /** By name, whatever the case; `db` may be a transaction. */
  async require(ctx: { db: Pick<EntityManager, 'getRepository'> }, name: string): Promise<RecipientGroup> {
    const group = await ctx.db.getRepository(RecipientGroup).createQueryBuilder('g').where('lower(g.name) = lower(:name)', { name }).getOne();
    if (!group) throw new NotFoundError('Recipient group', name);
    return group;
  }

  /**
   * A fresh install's DCC and SECAS groups, from configuration. Only a missing group is created:
   * what an admin changed later (addresses, sections, disabled) is never undone by a restart.
   */
  async ensureDefaults(ctx: Pick<ServiceContext, 'db'>, recipients: DefaultRecipients): Promise<void> {
    for (const [name, addresses] of [['DCC', recipients.dcc], ['SECAS', recipients.secas]] as const) {
      await ctx.db.query(
        `INSERT INTO recipient_group (name, addresses, sections) VALUES ($1, $2, $3)
         ON CONFLICT ((lower(name))) DO NOTHING`,
        [name, checkAddresses(addresses), DEFAULT_SECTIONS[name]],
      );
    }
  }

  async create(ctx: ServiceContext, input: CreateRecipientGroupInputFields): Promise<RecipientGroup> {
    const addresses = checkAddresses(input.addresses);
    const sections = checkSections(input.sections ?? ALL_SECTIONS);
    return ctx.db.transaction(async (tx) => {
      const exists = await tx.getRepository(RecipientGroup).createQueryBuilder('g').where('lower(g.name) = lower(:name)', { name: input.name }).getExists();
      if (exists) throw new InvalidInputError(`A recipient group named ${input.name} already exists (names are compared ignoring case)`);
      const repo = tx.getRepository(RecipientGroup);
      return repo.save(repo.create({ name: input.name, addresses, sections, enabled: input.enabled ?? true }));
    });
  }

  async update(ctx: ServiceContext, name: string, input: UpdateRecipientGroupInputFields): Promise<RecipientGroup> {
    if (input.enabled === null) throw new InvalidInputError('enabled is true or false, not null');
    const addresses = input.addresses ? checkAddresses(input.addresses) : undefined;
    const sections = input.sections ? checkSections(input.sections) : undefined;
    return ctx.db.transaction(async (tx) => {
      const group = await tx.getRepository(RecipientGroup).createQueryBuilder('g')
        .where('lower(g.name) = lower(:name)', { name }).setLock('pessimistic_write').getOne();
      if (!group) throw new NotFoundError('Recipient group', name);
      if (input.expectedVersion !== undefined && input.expectedVersion !== null && input.expectedVersion !== group.version) {
        throw new StaleVersionError(`${group.name} has changed since you read it (version ${input.expectedVersion}, now ${group.version}): read it again and retry`);
      }
      if (addresses) group.addresses = addresses;
      if (sections) group.sections = sections;
      if (input.enabled !== undefined) group.enabled = input.enabled as boolean;
      group.version += 1;
      return tx.getRepository(RecipientGroup).save(group);
    });
  }
}

/** Trimmed, each an email address, no repeats (compared ignoring case). */
function checkAddresses(addresses: readonly string[]): string[] {
  const trimmed = addresses.map((a) => a.trim());
  const bad = trimmed.filter((a) => !isEmailAddress(a));
  if (bad.length) throw new InvalidInputError(`Not an email address: ${bad.map((a) => JSON.stringify(a)).join(', ')}`, { invalid: bad });
  const seen = new Set<string>();
  return trimmed.filter((a) => !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase()));
}

function checkSections(sections: readonly DigestSection[]): DigestSection[] {
  if (sections.length === 0) throw new InvalidInputError('sections must name at least one part of the digest; to stop a group, set enabled: false');
  return ALL_SECTIONS.filter((s) => sections.includes(s));
}
