import { addDays, lastDayOfMonth, type LocalDate, type YearMonth } from '../calendar/local-date';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { PAPERS_DEADLINE_WORKING_DAYS } from '../meetings/meeting.enums';

/**
 * A report's date (issue 7): it is a Panel paper, so it is dated on the papers deadline of that
 * month's Panel meeting (5 Working Days before it: the April 2021 report, for the 16 April Panel,
 * is dated 9 April); with no Panel meeting that month, on the month's last Working Day, or today
 * if that is earlier.
 */
export function defaultReportDate(period: YearMonth, panelMeetings: readonly LocalDate[], calendar: WorkingCalendar, today: LocalDate): LocalDate {
  const panel = panelMeetings.filter((d) => d.startsWith(`${period}-`)).sort()[0];
  if (panel) return calendar.addWorkingDays(panel, -PAPERS_DEADLINE_WORKING_DAYS);
  const lastWorkingDay = calendar.addWorkingDays(addDays(lastDayOfMonth(period), 1), -1);
  return today < lastWorkingDay ? today : lastWorkingDay;
}
