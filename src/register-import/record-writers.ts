import { forEntry, upsert, type ImportRun, type Row } from './import-run';
import { secObjectives } from '../register-rules/rules';
import { entryLabel, refuse } from './register-problems';

/**
 * The records that hang on proposals: assessments, meetings (with their agendas), consultations,
 * decisions and work packages. Each is found by its natural key and written only when it differs
 * (see `upsert`); the file's omitted keys are written as null, as for proposals.
 */

/** An assessment's columns besides its proposal and type, with their SQL types for the comparison. */
const ASSESSMENT_COLUMNS = {
  change_request: 'text',
  requested_on: 'date',
  accepted_on: 'date',
  target_working_days: 'integer',
  expected_completion_on: 'date',
  returned_on: 'date',
  cost_gbp: 'numeric',
  commentary: 'text',
  note: 'text',
} as const;

/**
 * No unique constraint exists for assessments (an assessment without a change request is known
 * only by its dates, several of which may be null), so each is looked up among the proposal's
 * assessments: by change request when the file gives one, else by requested/accepted/returned
 * dates compared as IS NOT DISTINCT FROM would (null matches null). The import's transaction
 * and its advisory lock make look-up-then-write safe.
 */
export async function writeAssessments(run: ImportRun): Promise<void> {
  const { file } = run;
  if (file.assessments.length === 0) return;
  const modificationIds = [...new Set(file.assessments.map((a) => run.modificationId(a.modification)))];
  const existing: Row[] = await run.rows(
    `SELECT id, modification_id, type, change_request, requested_on, accepted_on, returned_on
       FROM assessment WHERE modification_id = ANY($1::uuid[])`,
    [modificationIds],
  );
  const cols = Object.keys(ASSESSMENT_COLUMNS) as (keyof typeof ASSESSMENT_COLUMNS)[];

  for (const [i, a] of file.assessments.entries()) {
    const entry = entryLabel('assessments', i, a);
    const modificationId = run.modificationId(a.modification);
    const values: Record<keyof typeof ASSESSMENT_COLUMNS, unknown> = {
      change_request: a.changeRequest ?? null,
      requested_on: a.requestedOn ?? null,
      accepted_on: a.acceptedOn ?? null,
      target_working_days: a.targetWorkingDays,
      expected_completion_on: a.expectedCompletionOn ?? null,
      returned_on: a.returnedOn ?? null,
      cost_gbp: a.costGbp ?? null,
      commentary: a.commentary ?? null,
      note: a.note ?? null,
    };
    if (a.id !== undefined) {
      const named = existing.find((row) => row.id === a.id);
      if (!named || named.modification_id !== modificationId || named.type !== a.type) {
        refuse([{ entry, field: 'id', message: named
          ? `${a.id} is an assessment of another proposal or type: leave the id as the export wrote it`
          : `${a.id} is no assessment of ${a.modification} in the register: leave the id blank for a new assessment` }]);
      }
    }
    const matches = existing.filter(
      (row) =>
        row.modification_id === modificationId &&
        row.type === a.type &&
        (a.id !== undefined ? row.id === a.id : a.changeRequest !== undefined
          ? row.change_request === a.changeRequest
          : row.requested_on === values.requested_on && row.accepted_on === values.accepted_on && row.returned_on === values.returned_on),
    );
    if (matches.length > 1) {
      refuse([{ entry, message: `matches ${matches.length} assessments already in the register (same proposal, type and dates); give its changeRequest to say which` }]);
    }
    const params = cols.map((c) => values[c]);
    if (matches.length === 0) {
      const [row] = await forEntry(entry, () =>
        run.rows(
          `INSERT INTO assessment (modification_id, type, ${cols.join(', ')})
           VALUES ($1, $2, ${cols.map((_, k) => `$${k + 3}`).join(', ')}) RETURNING id`,
          [modificationId, a.type, ...params],
        ),
      );
      existing.push({ id: row.id, modification_id: modificationId, type: a.type, ...values });
      run.count('assessments', 'created', entry);
      continue;
    }
    // An omitted key keeps what the register has (a later report that leaves out the cost, say).
    const typed = cols.map((c, k) => (c === 'target_working_days' ? `$${k + 2}::${ASSESSMENT_COLUMNS[c]}` : `COALESCE($${k + 2}::${ASSESSMENT_COLUMNS[c]}, t.${c})`));
    const updated = await forEntry(entry, () =>
      run.rows(
        `UPDATE assessment t SET ${cols.map((c, k) => `${c} = ${typed[k]}`).join(', ')}, version = t.version + 1
          WHERE t.id = $1 AND ROW(${cols.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM ROW(${typed.join(', ')})
          RETURNING id`,
        [matches[0].id, ...params],
      ),
    );
    run.count('assessments', updated.length ? 'updated' : 'unchanged', entry);
  }
}

/** A meeting by body and day; its agenda, in the file's order, is part of it. */
export async function writeMeetings(run: ImportRun): Promise<void> {
  const { file } = run;
  if (file.meetings.length === 0) return;
  const agendas = new Map<string, string[]>();
  const rows = await run.rows(
    `SELECT m.body, m.meeting_on,
            coalesce(array_agg(x.reference ORDER BY a.position) FILTER (WHERE x.id IS NOT NULL), '{}') AS agenda
       FROM meeting m
       LEFT JOIN agenda_item a ON a.meeting_id = m.id
       LEFT JOIN modification x ON x.id = a.modification_id
      WHERE m.meeting_on = ANY($1::date[])
      GROUP BY m.id`,
    [file.meetings.map((m) => m.date)],
  );
  for (const r of rows) agendas.set(`${r.body} ${r.meeting_on}`, r.agenda as string[]);

  for (const [i, m] of file.meetings.entries()) {
    const before = agendas.get(`${m.body} ${m.date}`);
    // An omitted agenda leaves a known meeting's agenda as it is; a new meeting starts with none.
    const agenda = m.agenda ?? before ?? [];
    const agendaChanged = before !== undefined && before.join(' ') !== agenda.join(' ');
    await forEntry(entryLabel('meetings', i, m), async () => {
      const { id, outcome } = await upsert(run, {
        table: 'meeting',
        conflict: 'ON CONSTRAINT meeting_body_date_unique',
        keys: { body: m.body, meeting_on: m.date },
        values: { note: m.note ?? null, number: m.number ?? null },
        keepWhenNull: ['note', 'number'],
        versioned: true,
        changedElsewhere: agendaChanged,
      });
      run.count('meetings', outcome, entryLabel('meetings', i, m));
      if (id !== null && (outcome === 'created' || agendaChanged)) {
        await run.rows(`DELETE FROM agenda_item WHERE meeting_id = $1`, [id]);
        await run.rows(
          `INSERT INTO agenda_item (meeting_id, modification_id, position)
           SELECT $1, item.modification_id, item.n - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS item(modification_id, n)`,
          [id, agenda.map((ref) => run.modificationId(ref))],
        );
      }
    });
  }
}

export async function writeConsultations(run: ImportRun): Promise<void> {
  for (const [i, c] of run.file.consultations.entries()) {
    const { outcome } = await forEntry(entryLabel('consultations', i, c), () =>
      upsert(run, {
        table: 'consultation',
        conflict: 'ON CONSTRAINT consultation_unique',
        keys: { modification_id: run.modificationId(c.modification), kind: c.kind, opens_on: c.opensOn },
        values: { closes_on: c.closesOn ?? null, note: c.note ?? null },
        keepWhenNull: ['closes_on', 'note'],
        versioned: true,
      }),
    );
    run.count('consultations', outcome, entryLabel('consultations', i, c));
  }
}

/**
 * A decision is its key (proposal, body, day, outcome); its note and the SEC Objectives it cited
 * can change (objectives left out of the file stay as the register has them). No version column.
 */
export async function writeDecisions(run: ImportRun): Promise<void> {
  for (const [i, d] of run.file.decisions.entries()) {
    const { outcome } = await forEntry(entryLabel('decisions', i, d), () =>
      upsert(run, {
        table: 'decision',
        conflict: 'ON CONSTRAINT decision_unique',
        keys: { modification_id: run.modificationId(d.modification), body: d.body, decided_on: d.on, outcome: d.outcome },
        values: { note: d.note ?? null, ...(d.objectives ? { objectives: secObjectives(d.objectives) } : {}) },
        keepWhenNull: ['note'],
        versioned: false,
      }),
    );
    run.count('decisions', outcome, entryLabel('decisions', i, d));
  }
}

export async function writeWorkPackages(run: ImportRun): Promise<void> {
  for (const [i, w] of run.file.workPackages.entries()) {
    const { outcome } = await forEntry(entryLabel('workPackages', i, w), () =>
      upsert(run, {
        table: 'work_package',
        conflict: 'ON CONSTRAINT work_package_unique',
        keys: { modification_id: run.modificationId(w.modification), return_to_panel_month: w.returnToPanelMonth },
        values: { tasks: w.tasks, note: w.note ?? null },
        keepWhenNull: ['note'],
        versioned: true,
      }),
    );
    run.count('workPackages', outcome, entryLabel('workPackages', i, w));
  }
}

/** A figure a paper printed: its month and which figure are its key. */
export async function writePrintedFigures(run: ImportRun): Promise<void> {
  for (const [i, f] of run.file.printedFigures.entries()) {
    const { outcome } = await forEntry(entryLabel('printedFigures', i, f), () =>
      upsert(run, {
        table: 'printed_figure',
        conflict: 'ON CONSTRAINT printed_figure_unique',
        keys: { period: f.period, figure: f.figure },
        values: { total: f.total ?? null, average_working_days: f.averageWorkingDays ?? null, text: f.text ?? null, note: f.note ?? null },
        keepWhenNull: ['note'],
        versioned: true,
      }),
    );
    run.count('printedFigures', outcome, entryLabel('printedFigures', i, f));
  }
}
