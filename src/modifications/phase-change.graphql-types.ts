import { Field, ObjectType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { ModificationPhase } from './modification.enums';
import type { PhaseChange } from './phase-change.entity';

/** A PhaseChange row as the API shows it, kept with the API: the entity carries no GraphQL. */
@ObjectType('PhaseChange', { description: 'A move of a proposal from one phase to another, dated.', simpleResolvers: true })
export class PhaseChangeObject implements Partial<PhaseChange> {
  @Field(() => ModificationPhase, { description: 'The phase it left; null for the first.', nullable: true })
  from!: ModificationPhase | null;

  @Field(() => ModificationPhase, { description: 'The phase it entered.' })
  to!: ModificationPhase;

  @Field(() => LocalDateScalar, { description: 'When.' })
  on!: LocalDate;

  @Field(() => String, { description: 'Why, as recorded.', nullable: true })
  note!: string | null;
}
