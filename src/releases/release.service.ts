import type { EntityManager } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { InvalidInputError, NotFoundError } from '../common/errors';
import { RuleBrokenError } from '../register-rules/rules';
import type { ServiceContext } from '../common/service-context';
import type { CompiledAnswer } from '../read-model/answer-json';
import { type ListQuery, readList, readListAnswer } from '../read-model/list-sql';
import { Release } from './release.entity';
import type { ReleaseInputFields, UpdateReleaseInputFields } from './release.fields';

/** Every release, dated ones first by date, then by name. */
const RELEASES: ListQuery = { table: 'release', where: [], params: [], order: 't.release_on NULLS LAST, t.name' };

export class ReleaseService {
  async list(ctx: ServiceContext): Promise<Release[]> {
    return readList(ctx.db, Release, RELEASES);
  }

  /** The same list, as answers PostgreSQL builds whole (read-model/answer-json). */
  async listAnswers(ctx: ServiceContext, answer: CompiledAnswer): Promise<unknown[] | string> {
    return readListAnswer(ctx.db, answer, RELEASES);
  }

  async create(ctx: ServiceContext, input: ReleaseInputFields): Promise<Release> {
    const name = input.name.trim();
    if (!name) throw new InvalidInputError('A release needs a name, e.g. "November 2021 SEC Release"');
    deadlineBeforeRelease(input.releaseDate, input.modificationReportDeadline);
    return ctx.db.transaction(async (tx) => {
      await releaseNameFree(tx, name);
      const repo = tx.getRepository(Release);
      return repo.save(repo.create({ name, kind: input.kind, releaseDate: input.releaseDate ?? null, modificationReportDeadline: input.modificationReportDeadline ?? null }));
    });
  }

  /** Corrects a release: its name, date, kind or Modification Report deadline. Proposals targeting it keep it. */
  async update(ctx: ServiceContext, name: string, input: UpdateReleaseInputFields): Promise<Release> {
    if (input.kind === null) throw new InvalidInputError('kind cannot be cleared: a release is SCHEDULED or STANDALONE');
    return ctx.db.transaction(async (tx) => {
      const repo = tx.getRepository(Release);
      const found: Array<{ id: string }> = await tx.query(`SELECT id FROM release WHERE lower(name) = lower($1) FOR UPDATE`, [name.trim()]);
      if (!found[0]) throw new NotFoundError('Release', name);
      const r = (await repo.findOneBy({ id: found[0].id }))!;
      const newName = input.name?.trim();
      if (newName === '') throw new InvalidInputError('A release needs a name');
      if (newName && newName.toLowerCase() !== r.name.toLowerCase()) await releaseNameFree(tx, newName);
      Object.assign(r, {
        name: newName ?? r.name,
        kind: input.kind ?? r.kind,
        releaseDate: input.releaseDate === undefined ? r.releaseDate : input.releaseDate,
        modificationReportDeadline: input.modificationReportDeadline === undefined ? r.modificationReportDeadline : input.modificationReportDeadline,
      });
      deadlineBeforeRelease(r.releaseDate, r.modificationReportDeadline);
      r.version += 1;
      return repo.save(r);
    });
  }
}

function deadlineBeforeRelease(releaseDate: LocalDate | null | undefined, deadline: LocalDate | null | undefined): void {
  if (releaseDate && deadline && deadline > releaseDate) {
    throw new InvalidInputError(`The Modification Report deadline ${deadline} is after the release itself (${releaseDate})`);
  }
}

/** Release names are unique whatever their case: "june 2021 sec release" is "June 2021 SEC Release". */
async function releaseNameFree(tx: EntityManager, name: string): Promise<void> {
  const [taken] = await tx.query(`SELECT name FROM release WHERE lower(name) = lower($1)`, [name]);
  if (taken) throw new RuleBrokenError('releaseNamesUnique', `A release named ${JSON.stringify(taken.name)} exists already`);
}
