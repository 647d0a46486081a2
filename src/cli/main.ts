#!/usr/bin/env node
// The `hearsay` executable: runs the CLI with this process's arguments and streams and exits with
// the code the command returned. Everything else lives in dispatch.ts and commands/.

import { processIO, runCli } from './dispatch.js';

const code = await runCli(process.argv.slice(2), processIO());
process.exitCode = code;
