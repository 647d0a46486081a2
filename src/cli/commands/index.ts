// The table of CLI commands, in the order `hearsay --help` lists them. To add a command, write
// src/cli/commands/<name>.ts exporting a Command and add one line here.

import type { Command } from '../command.js';
import { extractCommand } from './extract.js';
import { evalCommand } from './eval.js';
import { startCommand } from './start.js';
import { ingestCommand } from './ingest.js';
import { historyCommand } from './history.js';
import { reanalyseCommand } from './reanalyse.js';
import { speakersCommand } from './speakers.js';
import { speakerCommand } from './speaker.js';
import { searchCommand } from './search.js';
import { exportCommand } from './export.js';

export const COMMANDS: readonly Command[] = [
  extractCommand,
  evalCommand,
  startCommand,
  ingestCommand,
  historyCommand,
  reanalyseCommand,
  speakersCommand,
  speakerCommand,
  searchCommand,
  exportCommand,
];
