import { InvalidInputError } from '../common/errors';
import type { ServiceContext } from '../common/service-context';
import type { CompiledAnswer } from '../read-model/answer-json';
import { type ListQuery, readList, readListAnswer } from '../read-model/list-sql';
import { Release } from './release.entity';
import type { ReleaseInput } from './release.types';

/** Every release, dated ones first by date, then by name. */
const RELEASES: ListQuery = { table: 'release', where: [], params: [], order: 't.release_on NULLS LAST, t.name' };

export class ReleaseService {
  async list(ctx: ServiceContext): Promise<Release[]> {
    return readList(ctx.db, Release, RELEASES);
  }

  /** The same list, as answers PostgreSQL builds whole (read-model/answer-json). */
  async listAnswers(ctx: ServiceContext, answer: CompiledAnswer): Promise<unknown[]> {
    return readListAnswer(ctx.db, answer, RELEASES);
  }

  async create(ctx: ServiceContext, input: ReleaseInput): Promise<Release> {
    const name = input.name.trim();
    if (!name) throw new InvalidInputError('A release needs a name, e.g. "November 2021 SEC Release"');
    if (input.releaseDate && input.modificationReportDeadline && input.modificationReportDeadline > input.releaseDate) {
      throw new InvalidInputError(`The Modification Report deadline ${input.modificationReportDeadline} is after the release itself (${input.releaseDate})`);
    }
    return ctx.db.transaction(async (tx) => {
      if (await tx.getRepository(Release).existsBy({ name })) throw new InvalidInputError(`A release named ${JSON.stringify(name)} already exists`);
      const repo = tx.getRepository(Release);
      return repo.save(repo.create({ name, kind: input.kind, releaseDate: input.releaseDate ?? null, modificationReportDeadline: input.modificationReportDeadline ?? null }));
    });
  }
}
