#!/usr/bin/env node
/**
 * The `flarekit` executable.
 * @internal
 * @module
 */
import { runCli } from "./run.ts";

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
