import http from 'node:http';
import { Pool } from 'pg';
import type { LocalDate } from '../../src/calendar/local-date';
import { createWorkingCalendar } from '../../src/calendar/working-calendar';
import { loadConfig } from '../../src/config/config';
import { type AssessmentFacts, slaOn, targetCompletionOn } from '../../src/sla/sla-calculator';
import { FLOOR_FACTS_PAGE_SQL } from './page-sql';
import { ServerStats } from './server-stats';

/** The due-soon threshold the API judges with (its configuration's, from the same environment). */
const DUE_SOON = loadConfig(process.env).dueSoonWorkingDays;

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
  const [url, port] = process.argv.slice(2);
  const pool = new Pool({ connectionString: url, max: 10, options: '-c jit=off' });
  const { rows: holidays } = await pool.query<{ day: string }>('SELECT holiday_on::text AS day FROM holiday');
  const calendar = createWorkingCalendar(holidays.map((h) => h.day as LocalDate));
  const stats = new ServerStats();
  stats.serveOverIpc();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables: { first: number; asOf: LocalDate } };
      const t0 = performance.now();
      stats.statementStarted();
      pool.query<{ body: string }>(FLOOR_FACTS_PAGE_SQL, [variables.first]).then(
        ({ rows }) => {
          stats.statementTook(performance.now() - t0);
          const answer = JSON.parse(rows[0]!.body) as Answer;
          for (const { node } of answer.data.modifications.edges) {
            node.assessments = node.assessments.map((assessment) => {
              const { facts, ...columns } = assessment as Assessment;
              const { status, elapsedWorkingDays, remainingWorkingDays } = slaOn(facts, variables.asOf, calendar, DUE_SOON);
              return { ...columns, targetCompletionOn: targetCompletionOn(facts, calendar), sla: { status, elapsedWorkingDays, remainingWorkingDays } };
            });
          }
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
        },
        (err: Error) => res.writeHead(500).end(err.message),
      );
    });
  });
  server.listen(Number(port), '127.0.0.1', () => process.send?.({ ready: true }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
