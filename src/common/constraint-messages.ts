/**
 * The database enforces the register's invariants; when a write slips past a service check
 * (two clients racing, say) the violation is explained to the client in the register's terms.
 */
const MESSAGES: Record<string, string> = {
  modification_reference_key: 'A proposal with that reference already exists',
  modification_reference_ci: 'A proposal with that reference already exists (references are one whatever their case)',
  modification_former_reference_pkey: 'That reference was a proposal\'s before: it is taken',
  modification_former_reference_ci: 'That reference was a proposal\'s before: it is taken',
  release_name_key: 'A release with that name already exists',
  release_name_any_case: 'A release with that name, whatever its case, already exists (rule: release names are unique whatever their case)',
  meeting_body_date_unique: 'That body already has a meeting on that day',
  consultation_unique: 'That consultation is already recorded',
  decision_unique: 'That decision is already recorded',
  work_package_unique: 'That proposal already has a work package returning to the Panel that month',
  holiday_pkey: 'That day is already a holiday',
  assessment_pause_no_overlap: 'The pause overlaps another pause of the same assessment',
  assessment_pause_one_open: 'The assessment already has an open pause: resume it first',
  modification_dependency_pkey: 'That dependency is already recorded',
};

const PG_UNIQUE = '23505';
const PG_FOREIGN_KEY = '23503';
const PG_CHECK = '23514';
const PG_EXCLUSION = '23P01';
const PG_NOT_NULL = '23502';

export function describeConstraintViolation(e: { code?: string; constraint?: string; detail?: string }): string | null {
  // Class 22 is "data exception": a value PostgreSQL cannot store (a NUL character in text, say).
  if (e.code?.startsWith('22')) return e.code === '22021' ? 'Text may not contain a NUL character (\\u0000)' : 'A value is not valid for the register';
  if (!e.code || ![PG_UNIQUE, PG_FOREIGN_KEY, PG_CHECK, PG_EXCLUSION, PG_NOT_NULL].includes(e.code)) return null;
  const known = e.constraint ? MESSAGES[e.constraint] : undefined;
  if (known) return known;
  switch (e.code) {
    case PG_UNIQUE: return 'That record already exists';
    case PG_FOREIGN_KEY: return 'The record refers to something that does not exist';
    case PG_EXCLUSION: return 'The record overlaps an existing one';
    case PG_NOT_NULL: return 'A required value is missing';
    default: return `The values break a rule of the register (${e.constraint ?? 'check'})`;
  }
}
