/**
 * The CLI's command model: each subcommand is a {@link CliCommand} in its own file under
 * `commands/`, registered in `commands/index.ts`.
 * @internal
 * @module
 */

/** Where a command writes. */
export interface CliIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
}

/** One `flarekit <name>` subcommand. */
export interface CliCommand {
  /** The word after `flarekit`. */
  name: string;
  /** One line for `flarekit --help`. */
  summary: string;
  /** Full help text: usage line, options, and at least one example. */
  help: string;
  /** Runs the command; returns the exit code (0 ok, 1 failure). Throw {@link UsageError} for bad arguments (exit 2). */
  run(argv: string[], io: CliIO): Promise<number>;
}

/** Bad command-line usage: printed as one line plus a pointer to `--help`, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
