import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';

/** A reference a proposal had before: the DP of a Draft Proposal converted to a Modification Proposal. */
@ObjectType({ simpleResolvers: true, description: 'A reference a proposal was known by before (DP153 before it became MP153); it still finds the proposal.' })
@Entity('modification_former_reference')
export class FormerReference {
  @Field({ description: 'The reference it had, e.g. DP153.' })
  @PrimaryColumn('text')
  reference!: string;

  @Column('uuid', { name: 'modification_id' })
  modificationId!: string;

  @Field(() => LocalDateScalar, { description: 'The day the proposal took its next reference.' })
  @Column('date', { name: 'replaced_on' })
  replacedOn!: LocalDate;
}
