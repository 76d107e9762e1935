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
