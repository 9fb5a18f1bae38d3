import { Field, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../graphql/scalars';
import type { CalendarHoliday } from './calendar-holiday';
import type { LocalDate } from './local-date';

@ObjectType('Holiday', { description: 'A day that is not a Working Day although it is a weekday.' })
export class CalendarHolidayObject implements CalendarHoliday {
  @Field(() => LocalDateScalar, { description: 'The day.' })
  date!: LocalDate;

  @Field({ description: 'Its name, e.g. "Good Friday", "State Funeral of Queen Elizabeth II".' })
  name!: string;

  @Field({ description: 'True for one added through addHoliday (and removable with removeHoliday).' })
  addedByAdmin!: boolean;
}
