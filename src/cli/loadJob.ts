// What `ecomgen load` is asked to do, read from its argument and flags before it opens anything; apart from
// the command so that the checks are tested in memory (the end-to-end tests keep one run of the CLI for the
// exit code and the line).

/** The flags of `ecomgen load` this reads. */
export interface LoadFlagChoice {
  readonly apply?: string;
  readonly replace: boolean;
}

/** Load a dataset directory, apply a changes folder, or the problem with the combination (the CLI's words). */
export type LoadJob = { readonly load: string } | { readonly apply: string } | { readonly problem: string };

export function loadJob(dir: string | undefined, flags: LoadFlagChoice): LoadJob {
  if (flags.apply !== undefined) {
    if (dir !== undefined) return { problem: '--apply: give the changes folder or a dataset directory, not both (load the snapshot first, then --apply)' };
    if (flags.replace) return { problem: '--replace: not with --apply (it applies changes to the tables in place)' };
    return { apply: flags.apply };
  }
  if (dir === undefined) return { problem: 'load: name a dataset directory, or a changes folder with --apply' };
  return { load: dir };
}
