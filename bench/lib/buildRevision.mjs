// Builds another git revision of ecomgen for an in-run baseline: `git archive <rev>` into a directory
// under the bench's temp root, this checkout's node_modules linked in entry by entry (never written to),
// any dependency the revision needs that they lack fetched with `npm pack` into the revision's own
// node_modules, then `npm run build` there. The build is kept (keyed by commit) and reused by later runs.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const MARKER = '.ecomgen-bench-built';

class BuildError extends Error {}

function run(command, args, cwd, what) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    const why = (result.error?.message ?? `${result.stderr}\n${result.stdout}`).trim().split('\n').filter(Boolean).slice(-3).join(' / ');
    throw new BuildError(`${what} failed: ${why || `exit ${result.status}`}`);
  }
  return result.stdout;
}

/** node_modules of the revision: a real directory of links to ours; scopes (@x) are real directories too. */
function linkModules(target) {
  const ours = realpathSync(join(root, 'node_modules'));
  mkdirSync(target);
  for (const name of readdirSync(ours)) {
    const source = join(ours, name);
    if (name.startsWith('@') && lstatSync(source).isDirectory()) {
      mkdirSync(join(target, name));
      for (const inner of readdirSync(source)) symlinkSync(join(source, inner), join(target, name, inner));
    } else {
      symlinkSync(source, join(target, name));
    }
  }
}

/** Dependencies the revision declares that our node_modules lack, fetched as tarballs into its own. */
function addMissing(dir, log) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const wanted = { ...manifest.devDependencies, ...manifest.dependencies };
  const packs = join(dir, '.bench-packs');
  for (const [name, version] of Object.entries(wanted)) {
    const place = join(dir, 'node_modules', name);
    if (existsSync(place)) continue;
    log(`  the revision needs ${name}@${version}, which this checkout's node_modules lack: npm pack`);
    mkdirSync(packs, { recursive: true });
    const tarball = run('npm', ['pack', `${name}@${version}`, '--pack-destination', packs, '--silent'], dir, `npm pack ${name}@${version}`).trim().split('\n').pop();
    mkdirSync(place, { recursive: true });
    run('tar', ['-xzf', join(packs, tarball), '-C', place, '--strip-components=1'], dir, `unpacking ${tarball}`);
  }
}

/**
 * @returns {{ commit: string, dir: string, cli: string, reused: boolean }}
 * @throws {BuildError} saying which step failed and why
 */
export function buildRevision(rev, tempRoot, log) {
  let commit;
  try {
    commit = run('git', ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], root, `git rev-parse ${rev}`).trim();
  } catch {
    throw new BuildError(`no commit ${rev} in this repository`);
  }
  const dir = join(tempRoot, `ecomgen-bench-rev-${commit.slice(0, 12)}`);
  const cli = join(dir, 'dist', 'src', 'cli', 'main.js');
  if (existsSync(join(dir, MARKER)) && readFileSync(join(dir, MARKER), 'utf8') === commit && existsSync(cli)) return { commit, dir, cli, reused: true };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = join(dir, '.bench-source.tar');
  run('git', ['archive', '--format=tar', '-o', archive, commit], root, `git archive ${rev}`);
  run('tar', ['-xf', archive, '-C', dir], dir, 'unpacking the archive');
  rmSync(archive);
  linkModules(join(dir, 'node_modules'));
  addMissing(dir, log);
  run('npm', ['run', 'build'], dir, `npm run build of ${rev}`);
  if (!existsSync(cli)) throw new BuildError(`the build of ${rev} has no dist/src/cli/main.js`);
  writeFileSync(join(dir, MARKER), commit);
  return { commit, dir, cli, reused: false };
}

export { BuildError };
