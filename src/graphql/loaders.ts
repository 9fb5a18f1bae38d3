import DataLoader from 'dataloader';
import { type DataSource, In } from 'typeorm';
import { Assessment } from '../assessments/assessment.entity';
import { AssessmentPause } from '../assessments/assessment-pause.entity';
import { Consultation } from '../consultations/consultation.entity';
import { Decision } from '../decisions/decision.entity';
import { Meeting } from '../meetings/meeting.entity';
import { Modification } from '../modifications/modification.entity';
import { PhaseChange } from '../modifications/phase-change.entity';
import { RecipientGroup } from '../notifications/recipient-group.entity';
import { Release } from '../releases/release.entity';
import { FormerReference } from '../modifications/former-reference.entity';
import { WorkPackage } from '../work-packages/work-package.entity';

type Made<F> = { readonly [K in keyof F]: F[K] extends (...args: never[]) => infer R ? R : never };
type Factories<L> = Record<string, (loaders: L) => unknown>;

/**
 * Loaders made on first use: most requests (a page read in one statement) use none, and making
 * all of them was a good part of what such a request allocated. The getters live on a prototype
 * made once per process; a request's loaders are one small object. `forget` drops what was made.
 */
function onFirstUse<F extends Factories<Made<F>>>(factories: F): () => Made<F> & { forget(): void } {
  const prototype = {
    forget(this: { made: Record<string, unknown> }) {
      this.made = {};
    },
  };
  for (const name of Object.keys(factories)) {
    Object.defineProperty(prototype, name, {
      get(this: Made<F> & { made: Record<string, unknown> }) {
        return (this.made[name] ??= factories[name]!(this));
      },
    });
  }
  return () => Object.assign(Object.create(prototype), { made: {} });
}

export function loadersFor(db: DataSource) {
  const byId = <T extends { id: string }>(entity: new () => T) =>
    new DataLoader<string, T | null>(async (ids) => {
      const rows = await db.getRepository(entity).findBy({ id: In([...ids]) } as never);
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    });

  /** Rows grouped under a key, in the order the query gives them. */
  const grouped = <T>(fetch: (keys: string[]) => Promise<Array<{ key: string; row: T }>>) =>
    new DataLoader<string, T[]>(async (keys) => {
      const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
      for (const { key, row } of await fetch([...keys])) groups.get(key)?.push(row);
      return keys.map((k) => groups.get(k) ?? []);
    });

  const byColumn = <T extends object>(entity: new () => T, column: keyof T & string, order: Partial<Record<keyof T, 'ASC' | 'DESC'>>) =>
    grouped<T>(async (keys) => {
      const rows = await db.getRepository(entity).find({ where: { [column]: In(keys) } as never, order: order as never });
      return rows.map((row) => ({ key: row[column] as unknown as string, row }));
    });

  /** Rows joined through a link table (dependencies, agendas), in the order the SQL gives. */
  const linked = <T extends { id: string }>(target: () => DataLoader<string, T | null>, sql: string) =>
    grouped<T>(async (keys) => {
      const links: Array<{ link_key: string; target_id: string }> = await db.query(sql, [keys]);
      const targets = await target().loadMany(links.map((l) => l.target_id));
      return links.flatMap((l, i) => {
        const t = targets[i];
        return t && !(t instanceof Error) ? [{ key: l.link_key, row: t }] : [];
      });
    });

  return onFirstUse({
    /** `${day} ${id}`: a proposal's phase at the end of a day (the register's as-of rule), null if not raised by then. */
    phaseOn: () => new DataLoader<string, string | null>(async (keys) => {
      const asked = keys.map((k) => k.split(' ') as [string, string]);
      const rows: Array<{ day: string; id: string; phase: string }> = await db.query(
        `SELECT d.day::text AS day, o.id, o.phase FROM unnest($1::date[]) AS d(day) CROSS JOIN LATERAL modifications_on(d.day) o WHERE o.id = ANY($2::uuid[])`,
        [[...new Set(asked.map(([day]) => day))], [...new Set(asked.map(([, id]) => id))]],
      );
      const found = new Map(rows.map((r) => [`${r.day} ${r.id}`, r.phase]));
      return keys.map((k) => found.get(k) ?? null);
    }),
    modificationById: () => byId(Modification),
    meetingById: () => byId(Meeting),
    releaseById: () => byId(Release),
    recipientGroupById: () => byId(RecipientGroup),
    assessmentsByModification: () => byColumn(Assessment, 'modificationId', { requestedOn: 'ASC', acceptedOn: 'ASC', returnedOn: 'ASC', id: 'ASC' }),
    pausesByAssessment: () => byColumn(AssessmentPause, 'assessmentId', { from: 'ASC' }),
    consultationsByModification: () => byColumn(Consultation, 'modificationId', { opensOn: 'ASC', id: 'ASC' }),
    decisionsByModification: () => byColumn(Decision, 'modificationId', { on: 'ASC', createdAt: 'ASC' }),
    historyByModification: () => byColumn(PhaseChange, 'modificationId', { on: 'ASC', recordedAt: 'ASC' }),
    formerReferencesByModification: () => byColumn(FormerReference, 'modificationId', { replacedOn: 'ASC', reference: 'ASC' }),
    workPackagesByModification: () => byColumn(WorkPackage, 'modificationId', { returnToPanelMonth: 'ASC', createdAt: 'ASC' }),
    modificationsByRelease: () => byColumn(Modification, 'targetReleaseId', { reference: 'ASC' }),
    meetingsByModification: (loaders: { meetingById: DataLoader<string, Meeting | null> }) => linked<Meeting>(
      () => loaders.meetingById,
      `SELECT a.modification_id AS link_key, a.meeting_id AS target_id
         FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id
        WHERE a.modification_id = ANY($1) ORDER BY m.meeting_on, m.body`,
    ),
    dependsOnByModification: (loaders: { modificationById: DataLoader<string, Modification | null> }) => linked<Modification>(
      () => loaders.modificationById,
      `SELECT d.modification_id AS link_key, d.depends_on_id AS target_id
         FROM modification_dependency d JOIN modification m ON m.id = d.depends_on_id
        WHERE d.modification_id = ANY($1) ORDER BY m.reference`,
    ),
    agendaByMeeting: (loaders: { modificationById: DataLoader<string, Modification | null> }) => linked<Modification>(
      () => loaders.modificationById,
      `SELECT meeting_id AS link_key, modification_id AS target_id FROM agenda_item WHERE meeting_id = ANY($1) ORDER BY position`,
    ),
  });
}

export type Loaders = ReturnType<ReturnType<typeof loadersFor>>;
