// The README's command examples stay true: every `hearsay <command> --option` it shows names a
// command in the table and an option that command's --help documents.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../src/cli/commands/index.js';

test('README examples use existing commands and documented options', () => {
  const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const lines = blocks.flatMap((b) => b.split('\n')).map((l) => l.replace(/#.*$/, '').trim());
  const uses = lines.flatMap((l) => [...l.matchAll(/(?:^|\|\s*)hearsay\s+([a-z]+)([^|>]*)/g)]);
  assert.ok(uses.length >= 8, 'the README shows the CLI');
  for (const [, name, rest] of uses) {
    const command = COMMANDS.find((c) => c.name === name);
    assert.ok(command, `README uses "hearsay ${name}", which is no command`);
    for (const [option] of rest!.matchAll(/--[a-z][a-z-]*/g)) assert.ok(command.help.includes(option), `hearsay ${name} --help does not document ${option}`);
  }
});
