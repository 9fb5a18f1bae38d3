import type { LocalDate } from './local-date';

/** A weekday that is not a Working Day: a bank holiday of the rules, or one an admin added (its GraphQL face: CalendarHolidayObject). */
export interface CalendarHoliday {
  date: LocalDate;
  /** E.g. "Good Friday", "State Funeral of Queen Elizabeth II". */
  name: string;
  /** True for one added through addHoliday (and removable with removeHoliday). */
  addedByAdmin: boolean;
}
