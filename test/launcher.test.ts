// The `hearsay` launcher (bin/hearsay): it finds the built CLI through symbolic links (as npm's
// node_modules/.bin and `npm link` lay them out), passes every argument through unchanged, and
// starts Node with --single-threaded exactly when the process may use one CPU. A stand-in `node`
// early on PATH prints what it was started with, so no CLI runs and nothing is built here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const hasSh = spawnSync('sh', ['-c', 'true']).status === 0;
const hasTaskset = spawnSync('taskset', ['--version']).status === 0;

/** Runs the launcher through a link in a scratch directory with a stand-in node; returns the
 * stand-in's arguments, one per line. */
function launch(args: string[], pin: boolean): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'hearsay-launcher-'));
  try {
    const fakeNode = join(dir, 'node');
    writeFileSync(fakeNode, '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n');
    chmodSync(fakeNode, 0o755);
    // As `npm link` lays it out: the package folder a link to the repository, and .bin/hearsay a
    // relative link into it.
    symlinkSync(ROOT, join(dir, 'package'));
    mkdirSync(join(dir, '.bin'));
    const link = join(dir, '.bin', 'hearsay');
    symlinkSync(join('..', 'package', 'bin', 'hearsay'), link);
    const [cmd, argv] = pin ? ['taskset', ['-c', '0', link, ...args]] : [link, args];
    const r = spawnSync(cmd, argv, { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${dir}:${process.env.PATH}` } });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.split('\n').slice(0, -1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The CLI as the launcher names it: below the repository's real path (the launcher resolves links). */
const cli = join(realpathSync(ROOT), 'dist', 'cli', 'main.js');

test('the launcher finds the CLI through a link and passes the arguments through', { skip: !hasSh && 'no sh on this system' }, () => {
  const cpus = Number(spawnSync('nproc', { encoding: 'utf8' }).stdout.trim());
  const args = ['extract', '--jsonl', 'a file.jsonl', '--', '-', ''];
  const expected = cpus === 1 ? ['--single-threaded', cli, ...args] : [cli, ...args];
  assert.deepEqual(launch(args, false), expected);
});

test('on one CPU the launcher starts Node with --single-threaded', { skip: (!hasSh || !hasTaskset) && 'needs sh and taskset' }, () => {
  assert.deepEqual(launch(['--version'], true), ['--single-threaded', cli, '--version']);
});
