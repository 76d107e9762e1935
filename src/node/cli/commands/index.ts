/**
 * The registry of CLI subcommands; add one import and one array entry per command.
 * @internal
 * @module
 */
import type { CliCommand } from "../command.ts";
import { infoCommand } from "./info.ts";
import { statsCommand } from "./stats.ts";
import { summaryCommand } from "./summary.ts";
import { postprocessCommand } from "./postprocess.ts";
import { renderCommand } from "./render.ts";
import { convertCommand } from "./convert.ts";
import { demoCommand } from "./demo.ts";
import { windowCommand } from "./window.ts";
import { resampleCommand } from "./resample.ts";
import { evalCommand } from "./eval.ts";
import { mergeCommand } from "./merge.ts";

/** Every `flarekit` subcommand, in the order `--help` lists them. */
export const commands: CliCommand[] = [
  demoCommand,
  infoCommand,
  convertCommand,
  windowCommand,
  resampleCommand,
  postprocessCommand,
  statsCommand,
  summaryCommand,
  evalCommand,
  mergeCommand,
  renderCommand,
];
