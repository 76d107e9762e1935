/**
 * FLARE21 metrics: Dice, normalized surface Dice, Hausdorff and average
 * surface distances identical to the official evaluation code, plus case
 * evaluation, efficiency metrics and team ranking.
 * @module
 */
export { dice } from "./dice.ts";
export { surfaceAreas } from "./surface-area.ts";
export { surfaceDistances, type SurfaceDistances } from "./surface-distances.ts";
export { surfaceDice, surfaceDiceFromDistances } from "./surface-dice.ts";
export { hausdorff, hausdorffFromDistances } from "./hausdorff.ts";
export {
  averageSurfaceDistance,
  averageSurfaceDistanceFromDistances,
  assd,
  assdFromDistances,
} from "./average-surface-distance.ts";
export type {
  AssdOptions,
  AverageSurfaceDistance,
  HausdorffOptions,
  LabelImage,
  MaskOptions,
  SurfaceDiceOptions,
} from "./types.ts";
export {
  evaluateCase,
  FLARE21_LABELS,
  type CaseMetrics,
  type EvaluateCaseOptions,
  type LabelBranch,
  type LabelMetrics,
} from "./evaluate-case.ts";
export {
  evaluationRecord,
  formatEvaluationCsv,
  parseEvaluationCsv,
  summarizeEvaluation,
  type EvaluationLabelRecord,
  type EvaluationRecord,
  type EvaluationSummary,
  type SummaryStats,
} from "./evaluation-table.ts";
export {
  efficiencyMetrics,
  rankTeams,
  type EfficiencyMetrics,
  type EfficiencyOptions,
  type TeamCaseResult,
  type TeamRanking,
  type TeamResults,
} from "./efficiency.ts";
