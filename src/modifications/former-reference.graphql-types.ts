import { Field, ObjectType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import type { FormerReference } from './former-reference.entity';

/** A FormerReference row as the API shows it, kept with the API: the entity carries no GraphQL. */
@ObjectType('FormerReference', { simpleResolvers: true, description: 'A reference a proposal was known by before (DP153 before it became MP153); it still finds the proposal.' })
export class FormerReferenceObject implements Partial<FormerReference> {
  @Field({ description: 'The reference it had, e.g. DP153.' })
  reference!: string;

  @Field(() => LocalDateScalar, { description: 'The day the proposal took its next reference.' })
  replacedOn!: LocalDate;
}
