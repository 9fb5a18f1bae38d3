import { Field, ObjectType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import type { AssessmentPause } from './assessment-pause.entity';

/** An AssessmentPause row as the API shows it, kept with the API: the entity carries no GraphQL. */
@ObjectType('AssessmentPause', { description: "A stop of an assessment's clock, from a day until it is resumed.", simpleResolvers: true })
export class AssessmentPauseObject implements Partial<AssessmentPause> {
  @Field(() => LocalDateScalar, { description: 'The first Working Day the clock is stopped.' })
  from!: LocalDate;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Null while the pause is open.' })
  to!: LocalDate | null;

  @Field({ description: 'Why the clock stopped.' })
  reason!: string;
}
