import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { ReleaseKind } from './release.enums';

/** A scheduled (June, November) or standalone SEC release; its proposals point at it. */
// Its GraphQL face, field by field with what each means: ReleaseObject (release.graphql-types.ts).
@Entity('release')
export class Release {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text', { unique: true })
  name!: string;

  @Column('date', { name: 'release_on', nullable: true })
  releaseDate!: LocalDate | null;

  @Column('text')
  kind!: ReleaseKind;

  @Column('date', { name: 'modification_report_deadline', nullable: true })
  modificationReportDeadline!: LocalDate | null;

  @Column('integer', { default: 1 })
  version!: number;
}
