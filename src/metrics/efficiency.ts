/**
 * FLARE21 efficiency metrics and team ranking.
 * @module
 */
import { InvalidArgumentError } from "../core/errors.ts";

/** Efficiency of one case as FLARE21 measured it. */
export interface EfficiencyMetrics {
  /** Running time (s): the measured time when given, else samples × interval. */
  timeS: number;
  /** The largest memory value (MiB) occurring in more than 2 % of the samples. */
  maxMemoryMiB: number;
  /** Area under the memory–time curve (MiB·s): Σ samples × interval. */
  memoryTimeAreaMiBs: number;
}

/** Options of {@link efficiencyMetrics}. */
export interface EfficiencyOptions {
  /**
   * Sampling interval in seconds.
   * @defaultValue 0.1
   */
  intervalS?: number;
  /** Measured running time in seconds; when omitted, `samples.length × intervalS` (as FLARE21's `load_json.py` falls back to). */
  timeS?: number;
}

/**
 * FLARE21's efficiency metrics from GPU-memory samples (used MiB of the
 * device, taken about every 0.1 s while a team's container ran one case):
 * the maximum memory is the largest value that occurs in more than 2 % of
 * the samples (so short spikes do not count), and the area under the
 * memory–time curve is Σ samples × interval.
 *
 * @param samplesMiB - Memory samples in MiB, in time order (at least one).
 * @param options - Sampling interval and the measured running time.
 * @returns Time, maximum memory and memory–time area.
 * @throws {@link InvalidArgumentError} for an empty sample list, non-finite samples or a non-positive interval.
 * @example
 * ```ts
 * import { efficiencyMetrics } from "flarekit/metrics";
 * const samples = [...Array(99).fill(1500), 9000]; // one spike in 100 samples (1 %)
 * efficiencyMetrics(samples, { timeS: 10.2 });
 * // { timeS: 10.2, maxMemoryMiB: 1500, memoryTimeAreaMiBs: 15750 }
 * ```
 * @see JunMa11/FLARE `FLARE21/Evaluation/load_json.py` and `Efficiency.py`.
 */
export function efficiencyMetrics(samplesMiB: readonly number[], options: EfficiencyOptions = {}): EfficiencyMetrics {
  const interval = options.intervalS ?? 0.1;
  if (!(interval > 0) || !Number.isFinite(interval)) throw new InvalidArgumentError("intervalS", interval, "a positive number of seconds");
  if (!Array.isArray(samplesMiB as unknown) || samplesMiB.length === 0 || samplesMiB.some((v) => typeof v !== "number" || !Number.isFinite(v))) {
    throw new InvalidArgumentError("samplesMiB", Array.isArray(samplesMiB as unknown) ? `${samplesMiB.length} samples` : samplesMiB, "a non-empty list of finite numbers (MiB)");
  }
  const counts = new Map<number, number>();
  let sum = 0;
  for (const v of samplesMiB) {
    counts.set(v, (counts.get(v) ?? 0) + 1);
    sum += v;
  }
  let maxMemory = -Infinity;
  for (const [v, c] of counts) if (c > 0.02 * samplesMiB.length && v > maxMemory) maxMemory = v;
  if (maxMemory === -Infinity) maxMemory = NaN; // no value is frequent enough (fewer than 50 distinct-value samples each)
  const timeS = options.timeS ?? interval * samplesMiB.length;
  return { timeS, maxMemoryMiB: maxMemory, memoryTimeAreaMiBs: sum * interval };
}

/** One team's figures on one case, for {@link rankTeams}. */
export interface TeamCaseResult {
  /** Case name (the same set of names for every team). */
  name: string;
  /** Mean DSC over the organs (higher is better). */
  meanDsc: number;
  /** Mean NSD over the organs (higher is better). */
  meanNsd: number;
  /** Running time in s (lower is better). */
  timeS: number;
  /** Maximum GPU memory in MiB (lower is better). */
  maxMemoryMiB: number;
}

/** One team's results. */
export interface TeamResults {
  /** Team name. */
  team: string;
  /** One entry per case. */
  cases: readonly TeamCaseResult[];
}

/** A team's place in {@link rankTeams}. */
export interface TeamRanking {
  /** Team name. */
  team: string;
  /** Mean of all its ranks (4 per case). */
  meanRank: number;
  /** `meanRank` divided by the number of teams (the FLARE21 ranking score, lower is better). */
  score: number;
  /** 1-based position; teams with equal scores share the better position. */
  position: number;
}

/**
 * FLARE21's rank-then-aggregate ranking: for every case, all teams are
 * ranked on mean DSC (higher better), mean NSD (higher better), running time
 * (lower better) and maximum GPU memory (lower better); each team's ranks
 * over all cases and the four metrics are averaged and divided by the
 * number of teams. Ties get the average of the ranks they span (two teams
 * sharing ranks 2 and 3 both get 2.5). `NaN` values rank last.
 *
 * @param teams - Every team's results on the same cases.
 * @returns Teams sorted by score (best first).
 * @throws {@link InvalidArgumentError} when teams are missing cases, names repeat, or no team is given.
 * @example
 * ```ts
 * import { rankTeams } from "flarekit/metrics";
 * const c = (meanDsc: number, timeS: number) => [{ name: "c1", meanDsc, meanNsd: meanDsc, timeS, maxMemoryMiB: 2000 }];
 * rankTeams([
 *   { team: "A", cases: c(0.9, 20) },
 *   { team: "B", cases: c(0.8, 10) },
 * ]).map((t) => [t.team, t.meanRank]);
 * // [["A", 1.375], ["B", 1.625]]
 * ```
 * @see Ma et al., "Fast and low-GPU-memory abdomen CT organ segmentation: the FLARE challenge", Medical Image Analysis 82, 2022.
 */
export function rankTeams(teams: readonly TeamResults[]): TeamRanking[] {
  if (!Array.isArray(teams as unknown) || teams.length === 0) throw new InvalidArgumentError("teams", teams, "a non-empty array of team results");
  const names = new Set(teams.map((t) => t.team));
  if (names.size !== teams.length) throw new InvalidArgumentError("teams", teams.map((t) => t.team), "distinct team names");
  const caseNames = [...new Set(teams.flatMap((t) => t.cases.map((c) => c.name)))].sort();
  const byTeam = teams.map((t) => {
    const m = new Map(t.cases.map((c) => [c.name, c]));
    const missing = caseNames.filter((n) => !m.has(n));
    if (missing.length > 0 || m.size !== t.cases.length) {
      throw new InvalidArgumentError(`cases of team ${t.team}`, missing.length ? `missing ${missing.join(", ")}` : "repeated case names", "one result for every case any team has");
    }
    return m;
  });
  const totals = new Float64Array(teams.length);
  const metrics: [keyof TeamCaseResult, 1 | -1][] = [
    ["meanDsc", -1],
    ["meanNsd", -1],
    ["timeS", 1],
    ["maxMemoryMiB", 1],
  ];
  for (const name of caseNames) {
    for (const [key, sign] of metrics) {
      const ranks = averageRanks(byTeam.map((m) => sign * (m.get(name)![key] as number)));
      ranks.forEach((r, i) => (totals[i] += r));
    }
  }
  const per = caseNames.length * metrics.length;
  const rows = teams.map((t, i) => ({ team: t.team, meanRank: totals[i] / per, score: totals[i] / per / teams.length, position: 0 }));
  rows.sort((a, b) => a.score - b.score || (a.team < b.team ? -1 : 1));
  rows.forEach((r, i) => (r.position = i > 0 && r.score === rows[i - 1].score ? rows[i - 1].position : i + 1));
  return rows;
}

/** 1-based ranks of ascending values, ties averaged, NaN last. */
function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => i).sort((a, b) => cmp(values[a], values[b]));
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && cmp(values[order[j + 1]], values[order[i]]) === 0) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = r;
    i = j + 1;
  }
  return ranks;
}

function cmp(a: number, b: number): number {
  const na = Number.isNaN(a);
  const nb = Number.isNaN(b);
  if (na || nb) return na === nb ? 0 : na ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
