import { fixedClock } from '../../src/infra/clock';
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource, Logger } from 'typeorm';
import { InvalidInputError } from '../../src/common/errors';
import { ModificationPhase } from '../../src/modifications/modification.enums';
import { ModificationService } from '../../src/modifications/modification.service';
import { createDataSource } from '../../src/infra/database/data-source';
import { importRegisterFile, parseRegisterFile, RegisterImportService, type ImportSummary } from '../../src/register-import';
import { createTestDatabase, type TestDatabase } from '../support/pg-admin';
import { testServiceContext } from '../support/service-context';

// The copies inside the repository, never ../shared: a test must not change when the shared data does.
const FILE_2021 = path.resolve(__dirname, '../../src/demo/register-2021-04.json');
const FILE_2019 = path.resolve(__dirname, '../fixtures/register-2019-03.json');
const json2021 = () => JSON.parse(readFileSync(FILE_2021, 'utf8'));
const NOTE_2019 = 'Imported from SEC Modification Timetables';
const NOTE_2021 = 'Imported from Change Status Report — April 2021';

const TABLES = [
  'release', 'modification', 'modification_dependency', 'phase_change', 'assessment', 'meeting', 'agenda_item',
  'consultation', 'decision', 'work_package',
] as const;
const VERSIONED = ['release', 'modification', 'assessment', 'meeting', 'consultation', 'work_package'] as const;

/** The refusals below are expected: TypeORM's own logging of the failed statements would only be noise. */
const silent: Logger = { logQuery() {}, logQueryError() {}, logQuerySlow() {}, logSchemaBuild() {}, logMigration() {}, log() {} };

let database: TestDatabase;
let db: DataSource;
let tmp: string;

beforeEach(async () => {
  database = await createTestDatabase();
  db = createDataSource({ url: database.url, poolSize: 2, logger: silent });
  await db.initialize();
});

afterEach(async () => {
  await db.destroy();
  await database.drop();
});

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'register-import-'));
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of TABLES) counts[t] = Number((await db.query(`SELECT count(*) AS n FROM ${t}`))[0].n);
  return counts;
}

/** Every row's physical identity and writing transaction: any UPDATE or delete-and-insert changes it. */
async function rowStamps(): Promise<Record<string, string[]>> {
  const stamps: Record<string, string[]> = {};
  for (const t of TABLES) stamps[t] = (await db.query(`SELECT ctid::text || '@' || xmin::text AS s FROM ${t} ORDER BY 1`)).map((r: { s: string }) => r.s);
  return stamps;
}

async function versions(): Promise<Record<string, Record<string, number>>> {
  const all: Record<string, Record<string, number>> = {};
  for (const t of VERSIONED) {
    all[t] = Object.fromEntries((await db.query(`SELECT id, version FROM ${t}`)).map((r: { id: string; version: number }) => [r.id, r.version]));
  }
  return all;
}

async function history(reference: string): Promise<Array<{ from: string | null; to: string; on: string; note: string }>> {
  return db.query(
    `SELECT p.from_phase AS "from", p.to_phase AS "to", p.changed_on AS "on", p.note
       FROM phase_change p JOIN modification m ON m.id = p.modification_id
      WHERE m.reference = $1 ORDER BY p.changed_on, p.recorded_at`,
    [reference],
  );
}

function allUnchanged(summary: ImportSummary): boolean {
  const { kept: _kept, changes, ...counts } = summary;
  return Object.values(counts).every((c) => c.created === 0 && c.updated === 0) && changes.length === 0;
}

/** Writes a variant of the 2021 file into the temp folder. */
async function variant(name: string, change: (file: any) => void): Promise<string> {
  const file = json2021();
  change(file);
  const target = path.join(tmp, `${name}.json`);
  await fs.writeFile(target, JSON.stringify(file, null, 2));
  return target;
}

describe('parseRegisterFile', () => {
  it('accepts both real files, keeping omitted lists as "not said"', () => {
    const file = parseRegisterFile(json2021());
    expect(file.modifications).toHaveLength(37);
    expect(file.meetings.find((m) => m.date === '2021-05-05')?.agenda).toBeUndefined();
    expect(file.modifications[0].dependsOn).toBeUndefined();
    expect(parseRegisterFile(JSON.parse(readFileSync(FILE_2019, 'utf8'))).workPackages).toHaveLength(17);
  });

  it('lists every problem of a file, each with its entry', () => {
    const file = json2021();
    file.assessments[2].acceptedOn = '2021-02-30';
    file.modifications[5].phase = 'APPROVD';
    expect(() => parseRegisterFile(file)).toThrow(
      /2 problems:\n- modifications\[5\] \(MP150\): phase: "APPROVD" is not one of DEFINE, .*\n- assessments\[2\] \(MP141 PRELIMINARY CR4242\): acceptedOn: "2021-02-30" is not a date \(YYYY-MM-DD\)/,
    );
  });
});

describe('importing a register file', () => {
  it('loads the April 2021 Change Status Report: one row per entry', async () => {
    const progress: string[] = [];
    const summary = await importRegisterFile(testServiceContext(db), FILE_2021, (m) => progress.push(m));

    expect(summary.modifications).toEqual({ created: 37, updated: 0, unchanged: 0 });
    expect(summary.assessments).toEqual({ created: 34, updated: 0, unchanged: 0 });
    expect(progress).toContain('releases: 5 (5 created)');
    expect(progress).toContain('workPackages: 0');
    expect(await rowCounts()).toEqual({
      release: 5, modification: 37, modification_dependency: 0, phase_change: 37, assessment: 34, meeting: 5,
      agenda_item: 4 + 1 + 3 + 3, consultation: 3, decision: 8, work_package: 0,
    });

    const [mp141] = await db.query(
      `SELECT a.change_request, a.accepted_on, a.target_working_days, a.expected_completion_on, a.returned_on
         FROM assessment a JOIN modification m ON m.id = a.modification_id WHERE m.reference = 'MP141'`,
    );
    expect(mp141).toEqual({ change_request: 'CR4242', accepted_on: '2021-03-09', target_working_days: 15, expected_completion_on: '2021-04-12', returned_on: null });
    const [mp105] = await db.query(`SELECT r.name FROM modification m JOIN release r ON r.id = m.target_release_id WHERE m.reference = 'MP105'`);
    expect(mp105.name).toBe('November 2021 SEC Release');
    const panel = await db.query(
      `SELECT x.reference, a.position FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id JOIN modification x ON x.id = a.modification_id
        WHERE m.body = 'PANEL' AND m.meeting_on = '2021-04-16' ORDER BY a.position`,
    );
    expect(panel).toEqual([{ reference: 'MP099', position: 0 }, { reference: 'MP144', position: 1 }, { reference: 'DP153', position: 2 }]);
    // A new proposal's history starts on its raised date, or else on the report's date.
    expect(await history('DP156')).toEqual([{ from: null, to: 'DEFINE', on: '2021-03-01', note: NOTE_2021 }]);
    expect(await history('MP099')).toEqual([{ from: null, to: 'REFINE', on: '2021-04-09', note: NOTE_2021 }]);
  });

  it('loads the March 2019 timetables with their work packages and the one dependency', async () => {
    const summary = await importRegisterFile(testServiceContext(db), FILE_2019);
    expect(summary.workPackages).toEqual({ created: 17, updated: 0, unchanged: 0 });
    expect(await rowCounts()).toEqual({
      release: 1, modification: 19, modification_dependency: 1, phase_change: 19, assessment: 0, meeting: 9,
      agenda_item: 1 + 3 + 17 + 1 + 1 + 4 + 3 + 3 + 1, consultation: 0, decision: 0, work_package: 17,
    });
    const [dep] = await db.query(
      `SELECT m.reference AS waits, d.reference AS "on" FROM modification_dependency x
         JOIN modification m ON m.id = x.modification_id JOIN modification d ON d.id = x.depends_on_id`,
    );
    expect(dep).toEqual({ waits: 'SECMP0028', on: 'SECMP0067' });
  });

  it.each([['2021-04', FILE_2021], ['2019-03', FILE_2019]])('imports the %s file a second time without changing a row', async (_, file) => {
    await importRegisterFile(testServiceContext(db), file);
    const before = { counts: await rowCounts(), versions: await versions(), stamps: await rowStamps() };

    const second = await importRegisterFile(testServiceContext(db), file);

    expect(allUnchanged(second)).toBe(true);
    const entries = JSON.parse(readFileSync(file, 'utf8'));
    expect(second.modifications.unchanged).toBe(entries.modifications.length);
    expect(second.assessments.unchanged).toBe(entries.assessments.length);
    expect(second.workPackages.unchanged).toBe(entries.workPackages.length);
    expect(await rowCounts()).toEqual(before.counts);
    expect(await versions()).toEqual(before.versions);
    // Not a single row rewritten, not even to the same values (agenda and dependencies included).
    expect(await rowStamps()).toEqual(before.stamps);
  });

  it('updates only the entries that changed, bumping their version once', async () => {
    await importRegisterFile(testServiceContext(db), FILE_2021);
    const before = await versions();
    const changed = await variant('changed', (f) => {
      f.assessments[0].commentary = 'DCC now expects to return the IA on 30 April 2021.';
      f.meetings[3].agenda.reverse();
      f.modifications[0].dependsOn = ['MP144'];
    });

    const summary = await importRegisterFile(testServiceContext(db), changed);

    expect(summary.assessments).toEqual({ created: 0, updated: 1, unchanged: 33 });
    expect(summary.meetings).toEqual({ created: 0, updated: 1, unchanged: 4 });
    expect(summary.modifications).toEqual({ created: 0, updated: 1, unchanged: 36 });
    const after = await versions();
    const bumped = (t: keyof typeof after) => Object.keys(after[t]).filter((id) => after[t][id] !== before[t][id]).map((id) => after[t][id]);
    expect([bumped('assessment'), bumped('meeting'), bumped('modification'), bumped('release')]).toEqual([[2], [2], [2], []]);
    const agenda = await db.query(
      `SELECT x.reference FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id JOIN modification x ON x.id = a.modification_id
        WHERE m.body = 'PANEL' ORDER BY a.position`,
    );
    expect(agenda.map((r: { reference: string }) => r.reference)).toEqual(['DP153', 'MP144', 'MP099']);
    expect((await rowCounts()).modification_dependency).toBe(1);
  });

  it('loads 2019-03 then 2021-04: shared proposals move on and keep their history', async () => {
    await importRegisterFile(testServiceContext(db), FILE_2019);
    const summary = await new RegisterImportService().import(testServiceContext(db), parseRegisterFile(json2021()));

    // 8 proposals are in both documents; the November 2019 release too, unchanged.
    expect(summary.modifications).toEqual({ created: 29, updated: 8, unchanged: 0 });
    expect(summary.releases).toEqual({ created: 4, updated: 0, unchanged: 1 });
    const counts = await rowCounts();
    expect(counts).toMatchObject({ modification: 48, release: 5, meeting: 14, work_package: 17 });
    // 48 first entries + SECMP0007 and SECMP0015 (REFINE -> APPROVED) and SECMP0056 (REFINE -> DECIDE).
    expect(counts.phase_change).toBe(51);
    expect(await history('SECMP0056')).toEqual([
      { from: null, to: 'REFINE', on: '2019-03-08', note: NOTE_2019 },
      { from: 'REFINE', to: 'DECIDE', on: '2021-04-09', note: NOTE_2021 },
    ]);
    const [s56] = await db.query(`SELECT phase, path, version FROM modification WHERE reference = 'SECMP0056'`);
    expect(s56).toEqual({ phase: 'DECIDE', path: 'AUTHORITY_DETERMINATION', version: 2 });

    // A key the 2021 report leaves out means it does not say: SECMP0028 still waits on SECMP0067,
    // and SECMP0067 keeps the title the 2019 paper gave it.
    expect(counts.modification_dependency).toBe(1);
    const [s67] = await db.query(`SELECT title FROM modification WHERE reference = 'SECMP0067'`);
    expect(s67.title).toBe(JSON.parse(readFileSync(FILE_2019, 'utf8')).modifications.find((m: any) => m.reference === 'SECMP0067').title);
    expect(s67.title).toEqual(expect.any(String));
    // What the 2021 file does not mention is left alone: SECMP0053 still aims at November 2019.
    const [s53] = await db.query(`SELECT r.name FROM modification m JOIN release r ON r.id = m.target_release_id WHERE m.reference = 'SECMP0053'`);
    expect(s53.name).toBe('November 2019 SEC Release');

    const before = await rowStamps();
    expect(allUnchanged(await importRegisterFile(testServiceContext(db), FILE_2021))).toBe(true);
    expect(await rowStamps()).toEqual(before);
  });

  it('loads 2021-04 then the older 2019-03: no proposal moves back, no history is added, and the summary says what was kept', async () => {
    await importRegisterFile(testServiceContext(db), FILE_2021);
    const historyBefore = { s07: await history('SECMP0007'), s15: await history('SECMP0015') };
    const summary = await new RegisterImportService().import(testServiceContext(db), parseRegisterFile(JSON.parse(readFileSync(FILE_2019, 'utf8'))));

    const phases = await db.query(`SELECT reference, phase FROM modification WHERE reference IN ('SECMP0007', 'SECMP0015') ORDER BY reference`);
    expect(phases).toEqual([{ reference: 'SECMP0007', phase: 'APPROVED' }, { reference: 'SECMP0015', phase: 'APPROVED' }]);
    expect(await history('SECMP0007')).toEqual(historyBefore.s07);
    expect(await history('SECMP0015')).toEqual(historyBefore.s15);
    expect(summary.kept).toEqual(expect.arrayContaining([
      { entry: expect.stringContaining('SECMP0007'), reason: 'SECMP0007 stays APPROVED: it moved there on 2021-04-09, after this file\'s date (2019-03-08), which says REFINE' },
      { entry: expect.stringContaining('SECMP0015'), reason: expect.stringMatching(/^SECMP0015 stays APPROVED: it moved there on 2021-04-09, after this file's date/) },
    ]));
    // What the register lacked is still added: the 2019 work packages, and proposals only the 2019 paper has.
    expect((await rowCounts()).work_package).toBe(17);
    // Every history stays in date order with no entry twice.
    const disorder = await db.query(
      `SELECT m.reference FROM phase_change p JOIN modification m ON m.id = p.modification_id
        GROUP BY m.reference HAVING count(*) <> count(DISTINCT (p.from_phase, p.to_phase, p.changed_on))`,
    );
    expect(disorder).toEqual([]);
  });

  it('a phase changed through the API after the file\'s date survives a re-import of the file', async () => {
    await importRegisterFile(testServiceContext(db), FILE_2021);
    // A week after the file's date: the day the change is made on is no earlier than its own.
    const ctx = testServiceContext(db, fixedClock(new Date('2021-04-16T09:00:00Z')));
    await new ModificationService().changePhase(ctx, 'DP156', ModificationPhase.REFINE, '2021-04-12', 'Converted at the April Panel');
    const historyAfterChange = await history('DP156');

    const summary = await importRegisterFile(ctx, FILE_2021);
    const [dp156] = await db.query(`SELECT phase FROM modification WHERE reference = 'DP156'`);
    expect(dp156.phase).toBe('REFINE');
    expect(await history('DP156')).toEqual(historyAfterChange);
    expect(summary.kept).toEqual([{ entry: expect.stringContaining('DP156'), reason: "DP156 stays REFINE: it moved there on 2021-04-12, after this file's date (2021-04-09), which says DEFINE" }]);
  });
});

describe('a faulty register file', () => {
  /** The register as the 2019 file left it: a refused import must leave exactly this. */
  async function refusedWithoutTrace(file: string, message: RegExp): Promise<void> {
    await importRegisterFile(testServiceContext(db), FILE_2019);
    const before = { counts: await rowCounts(), stamps: await rowStamps() };
    const attempt = importRegisterFile(testServiceContext(db), file);
    await expect(attempt).rejects.toThrow(InvalidInputError);
    await expect(attempt).rejects.toThrow(message);
    expect(await rowCounts()).toEqual(before.counts);
    expect(await rowStamps()).toEqual(before.stamps);
  }

  it.each<[string, (f: any) => void, RegExp]>([
    ['a bad date deep in assessments', (f) => { f.assessments[2].acceptedOn = '2021-02-30'; },
      /assessments\[2\] \(MP141 PRELIMINARY CR4242\): acceptedOn: "2021-02-30" is not a date \(YYYY-MM-DD\)/],
    ['an unknown reference in a meeting agenda', (f) => { f.meetings[2].agenda[1] = 'MP999'; },
      /meetings\[2\] \(WORKING_GROUP 2021-04-07\): agenda\[1\]: "MP999" is neither in this file's modifications nor in the register/],
    ['a duplicate reference', (f) => { f.modifications[8].reference = 'DP156'; },
      /modifications\[8\] \(DP156\): has the same reference as modifications\[7\] \(DP156\)/],
    ['an unknown enum value', (f) => { f.modifications[5].phase = 'APPROVD'; },
      /modifications\[5\] \(MP150\): phase: "APPROVD" is not one of DEFINE, REFINE, OPINE/],
    ['a targetRelease that does not exist', (f) => { f.modifications[2].targetRelease = 'June 2031 SEC Release'; },
      /modifications\[2\] \(DP153\): targetRelease: "June 2031 SEC Release" is neither in this file's releases nor in the register/],
    ['a misspelt key', (f) => { f.assessments[0].acceptedDate = f.assessments[0].acceptedOn; },
      /assessments\[0\] \(MP107 IMPACT CR1352\): unknown key "acceptedDate" \(the keys are: modification, type, changeRequest/],
    ['a return before acceptance', (f) => { f.assessments[1].returnedOn = '2021-01-04'; },
      /assessments\[1\] \(MP140 PRELIMINARY\): returnedOn: 2021-01-04 is before acceptedOn 2021-02-04/],
    ['a consultation that closes before it opens', (f) => { f.consultations[0].closesOn = '2021-04-12'; },
      /consultations\[0\] \(MP104 REFINEMENT 2021-04-12\): closesOn: 2021-04-12 is not after opensOn 2021-04-12/],
    ['a release listing a proposal that targets another', (f) => { f.releases[1].modifications.push('MP105'); },
      /releases\[1\] \(June 2021 SEC Release\): modifications\[2\]: MP105 has targetRelease "November 2021 SEC Release" in its own entry\n- releases\[2\] \(November 2021 SEC Release\): modifications\[3\]: MP105 is already listed by releases\[1\]/],
    ['a zero target', (f) => { f.assessments[3].targetWorkingDays = 0; },
      /assessments\[3\] \(MP125 PRELIMINARY\): targetWorkingDays: 0 is not a positive whole number/],
  ])('is refused, naming the entry, and changes nothing: %s', async (name, change, message) => {
    await refusedWithoutTrace(await variant(name.replace(/\W+/g, '-'), change), message);
  });

  it('is refused when the database finds the fault halfway through, and everything written so far is undone', async () => {
    // A rule no file check knows: the register holds a deadline for the November 2019 release
    // that the file's release date contradicts. Four new releases are written before it fails.
    const file = await variant('release-before-deadline', (f) => { f.releases[4].releaseDate = '2019-05-01'; });
    await importRegisterFile(testServiceContext(db), FILE_2019);
    await db.query(`UPDATE release SET modification_report_deadline = '2019-05-31' WHERE name = 'November 2019 SEC Release'`);
    const before = { counts: await rowCounts(), stamps: await rowStamps() };
    await expect(importRegisterFile(testServiceContext(db), file)).rejects.toThrow(
      /releases\[4\] \(November 2019 SEC Release\): the register refuses it: releaseDate is before the Modification Report deadline/,
    );
    expect(await rowCounts()).toEqual(before.counts);
    expect(await rowStamps()).toEqual(before.stamps);
  });

  it('is rolled back whole when the database refuses the last section', async () => {
    // Stands for any constraint the file checks cannot see: by the time decisions are written,
    // proposals, assessments, meetings and consultations are all in the transaction.
    await db.query(`ALTER TABLE decision ADD CONSTRAINT no_ia_requests_here CHECK (outcome <> 'IMPACT_ASSESSMENT_REQUEST_APPROVED')`);
    const before = await rowCounts();
    const progress: string[] = [];
    await expect(importRegisterFile(testServiceContext(db), FILE_2021, (m) => progress.push(m))).rejects.toThrow(
      /decisions\[6\] \(SECMP0024 CHANGE_BOARD 2021-03-24 IMPACT_ASSESSMENT_REQUEST_APPROVED\): the register refuses it: .*no_ia_requests_here/,
    );
    expect(progress).toContain('consultations: 3 (3 created)');
    expect(await rowCounts()).toEqual(before);
  });

  it('names the path when the file is missing or is not JSON', async () => {
    const missing = path.join(tmp, 'no-such-register.json');
    await expect(importRegisterFile(testServiceContext(db), missing)).rejects.toThrow(`Cannot read the register file ${missing}: no such file`);
    const broken = path.join(tmp, 'broken.json');
    await fs.writeFile(broken, '{\n  "source": "x",\n  "asOf": "2021-04-09",,\n}');
    await expect(importRegisterFile(testServiceContext(db), broken)).rejects.toThrow(/broken\.json is not valid JSON: .* \(line 3, column \d+\)/);
  });
});
