import type { LocalDate } from '../../src/calendar/local-date';
import { createWorkingCalendar } from '../../src/calendar/working-calendar';
import { type AssessmentFacts, slaOn, targetCompletionOn } from '../../src/sla/sla-calculator';
import { DUE_SOON, floorPool, serveFloor } from './floor-http';
import { FLOOR_FACTS_PAGE_SQL } from './page-sql';

type Assessment = Record<string, unknown> & { facts: AssessmentFacts };
interface Answer {
  data: { modifications: { edges: Array<{ node: { assessments: unknown[] } }> } };
}

/**
 * The second floor, for the computed pages: one statement whose JSON PostgreSQL builds with each
 * assessment's clock facts (the reads the API's statement makes), the target day and the SLA
 * position worked out in Node by the SLA calculator, then sent. The first floor judges in SQL, which
 * costs the database more than bringing the facts does; whichever floor is faster is the one the
 * API is held to. No GraphQL, no access check. argv: DATABASE_URL PORT.
 */
async function main(): Promise<void> {
  const [url, port] = process.argv.slice(2) as [string, string];
  const pool = floorPool(url);
  const { rows: holidays } = await pool.query<{ day: string }>('SELECT holiday_on::text AS day FROM holiday');
  const calendar = createWorkingCalendar(holidays.map((h) => h.day as LocalDate));
  serveFloor(pool, Number(port), ({ variables }) => ({
    sql: FLOOR_FACTS_PAGE_SQL,
    params: [variables.first],
    send: (body) => {
      const asOf = variables.asOf as LocalDate;
      const answer = JSON.parse(body) as Answer;
      for (const { node } of answer.data.modifications.edges) {
        node.assessments = node.assessments.map((assessment) => {
          const { facts, ...columns } = assessment as Assessment;
          const { status, elapsedWorkingDays, remainingWorkingDays } = slaOn(facts, asOf, calendar, DUE_SOON);
          return { ...columns, targetCompletionOn: targetCompletionOn(facts, calendar), sla: { status, elapsedWorkingDays, remainingWorkingDays } };
        });
      }
      return JSON.stringify(answer);
    },
  }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
