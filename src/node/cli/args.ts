/**
 * Small helpers over node:util parseArgs that turn its errors into {@link UsageError}s.
 * @internal
 * @module
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./command.ts";

/** parseArgs with `strict: true`; unknown options and missing values become a {@link UsageError}. */
export function parseCliArgs<T extends NonNullable<ParseArgsConfig["options"]>>(
  argv: string[],
  options: T,
): { values: Record<string, string | boolean | string[] | boolean[] | undefined>; positionals: string[] } {
  try {
    const r = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: r.values as Record<string, string | boolean | string[] | boolean[] | undefined>, positionals: r.positionals };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Parses a number option; throws a {@link UsageError} naming the option when it is not a finite number. */
export function numberOption(name: string, value: unknown, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== "string" || value.trim() === "" || !Number.isFinite(n)) {
    throw new UsageError(`--${name} expects a number, got "${String(value)}"`);
  }
  return n;
}

/** The input and output files of a file-to-file command; the output must be a `.nii` or `.nii.gz` path. */
export function inputOutputFiles(positionals: string[]): [string, string] {
  if (positionals.length !== 2) throw new UsageError(`expected an input and an output file, got ${positionals.length} file(s)`);
  const [input, output] = positionals;
  if (!/\.nii(\.gz)?$/i.test(output)) throw new UsageError(`the output must end in .nii or .nii.gz, got "${output}"`);
  return [input, output];
}

/** Parses a positive-integer option (a count of workers, …); a {@link UsageError} names the option otherwise. */
export function positiveIntegerOption(name: string, value: unknown): number | undefined {
  const n = numberOption(name, value);
  if (n !== undefined && (!Number.isInteger(n) || n < 1)) throw new UsageError(`--${name} expects a positive integer, got "${String(value)}"`);
  return n;
}
