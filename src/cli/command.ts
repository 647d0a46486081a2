// The shape of a CLI command. Each command lives in src/cli/commands/<name>.ts and is listed in
// src/cli/commands/index.ts; src/cli/main.ts only parses the command name and dispatches.

export interface CommandIO {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface Command {
  name: string;
  /** One line for `hearsay --help`. */
  summary: string;
  /** The full text of `hearsay <name> --help`: usage, options, examples. */
  help: string;
  /** Runs the command; resolves to the process exit code. Errors are HearsayErrors with codes. */
  run(args: string[], io: CommandIO): Promise<number>;
}
