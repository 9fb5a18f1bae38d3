import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';

/** A reference a proposal had before: the DP of a Draft Proposal converted to a Modification Proposal. */
// Its GraphQL face, field by field with what each means: FormerReferenceObject (former-reference.graphql-types.ts).
@Entity('modification_former_reference')
export class FormerReference {
  @PrimaryColumn('text')
  reference!: string;

  @Column('uuid', { name: 'modification_id' })
  modificationId!: string;

  @Column('date', { name: 'replaced_on' })
  replacedOn!: LocalDate;
}
