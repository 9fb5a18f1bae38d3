import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import type { WorkPackage } from './work-package.entity';

/** A WorkPackage row as the API shows it, kept with the API: the entity carries no GraphQL. */
@ObjectType('WorkPackage', {
  simpleResolvers: true,
  description:
    "A package of Refinement work that the Panel agrees for a proposal, with the month in which\nSECAS returns to the Panel to report on it (the 'agile timetable').",
})
export class WorkPackageObject implements Partial<WorkPackage> {
  @Field(() => ID, { description: 'The work package, for completeWorkPackage and strikeOut.' })
  id!: string;

  @Field(() => [String], { description: 'The tasks of the package, in order.' })
  tasks!: string[];

  @Field({ description: 'YYYY-MM: the Panel meeting at which progress is reported.' })
  returnToPanelMonth!: string;

  @Field(() => LocalDateScalar, { description: 'When it was done; null while it is not.', nullable: true })
  completedOn!: LocalDate | null;

  @Field(() => String, { description: "SECAS's note on it.", nullable: true })
  note!: string | null;

  @Field(() => Int, { description: 'Goes up with every change.' })
  version!: number;
}
