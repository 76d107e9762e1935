/**
 * Dispatches `flarekit <command> …` to the registered commands.
 * @internal
 * @module
 */
import { isFlarekitError } from "../../core/errors.ts";
import { type CliIO, UsageError } from "./command.ts";
import { commands } from "./commands/index.ts";

/** Package version, kept in sync with package.json by a test. */
export const VERSION = "0.1.0";

function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "flarekit — abdominal CT segmentation toolkit (FLARE21 style)",
    "",
    "Usage: flarekit <command> [options]",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `flarekit <command> --help` for a command's options and an example.",
    "Exit codes: 0 ok, 1 failure, 2 usage error.",
    "",
  ].join("\n");
}

/**
 * Runs the CLI with `argv` (without the node and script paths).
 * @returns The exit code.
 */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(mainHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    io.stderr.write(`flarekit: unknown command "${name}". Run \`flarekit --help\` for the list.\n`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout.write(cmd.help.endsWith("\n") ? cmd.help : cmd.help + "\n");
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`flarekit ${name}: ${err.message}\nRun \`flarekit ${name} --help\` for usage.\n`);
      return 2;
    }
    if (isFlarekitError(err)) {
      io.stderr.write(`flarekit ${name}: ${err.message}\n`);
      return 1;
    }
    if (err && typeof err === "object" && "code" in err && typeof (err as { code: unknown }).code === "string" && "message" in err) {
      // Node system errors (ENOENT, EACCES …): one line, no stack.
      io.stderr.write(`flarekit ${name}: ${(err as unknown as Error).message}\n`);
      return 1;
    }
    throw err;
  }
}
