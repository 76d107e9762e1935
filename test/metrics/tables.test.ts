// Official CSV formatting (pandas / Python repr), parsing, summaries, efficiency metrics and rankTeams.
import { describe, expect, it } from "vitest";
import { isFlarekitError } from "../../src/core/errors.ts";
import {
  efficiencyMetrics,
  formatEvaluationCsv,
  parseEvaluationCsv,
  rankTeams,
  summarizeEvaluation,
  type EvaluationRecord,
} from "../../src/metrics/index.ts";
import { pythonRepr } from "../../src/metrics/evaluation-table.ts";

const rec = (name: string, values: [number, number, boolean][]): EvaluationRecord => ({
  name,
  labels: values.map(([dsc, nsd, integerRule], i) => ({ label: i + 1, dsc, nsd, integerRule })),
});

describe("evaluation tables", () => {
  it("pythonRepr writes floats as Python's repr does", () => {
    const cases: [number, string][] = [
      [0.8894117647058823, "0.8894117647058823"],
      [1, "1.0"],
      [0, "0.0"],
      [0.1, "0.1"],
      [1e-5, "1e-05"],
      [1.5e-7, "1.5e-07"],
      [0.0001, "0.0001"],
      [123456789012345680, "1.2345678901234568e+17"],
      [1e16, "1e+16"],
      [9999999999999998, "9999999999999998.0"],
      [Infinity, "inf"],
      [NaN, ""],
    ];
    for (const [x, s] of cases) expect(pythonRepr(x)).toBe(s);
  });

  it("formatEvaluationCsv writes integer columns only when every row comes from the integer rules (as pandas)", () => {
    const rows = [rec("a.nii.gz", [[0.5, 0.25, false], [1, 1, true]]), rec("b.nii.gz", [[1, 1, true], [1, 1, true]])];
    expect(formatEvaluationCsv(rows)).toBe("Name,DSC_1,NSD-1mm_1,DSC_2,NSD-1mm_2\na.nii.gz,0.5,0.25,1,1\nb.nii.gz,1.0,1.0,1,1\n");
  });

  it("parseEvaluationCsv reads the official CSV back (round trip, integer literals, quoted names, HD95 columns)", () => {
    const rows = [rec('we,ird "name".nii.gz', [[0.123456789, 1e-5, false]]), rec("z.nii.gz", [[0, 0, true]])];
    rows[0].labels[0].hd95Mm = Infinity;
    rows[1].labels[0].hd95Mm = 2.5;
    const csv = formatEvaluationCsv(rows);
    expect(csv.split("\n")[0]).toBe("Name,DSC_1,NSD-1mm_1,HD95_1");
    expect(parseEvaluationCsv(csv)).toEqual(rows.map((r) => ({ ...r, labels: r.labels.map((l) => ({ ...l, integerRule: false })) })));
    expect(parseEvaluationCsv("Name,DSC_1,NSD-1mm_1\r\nc,1,0\r\n")[0].labels[0]).toEqual({ label: 1, dsc: 1, nsd: 0, integerRule: true });
    for (const bad of ["", "Case,DSC_1\nx,1\n", "Name,DSC_1,NSD-1mm_1\nx,abc,1\n"]) {
      expect(() => parseEvaluationCsv(bad)).toThrow();
      try {
        parseEvaluationCsv(bad);
      } catch (e) {
        expect(isFlarekitError(e, "INVALID_ARGUMENT")).toBe(true);
      }
    }
  });

  it("summarizeEvaluation gives mean, population std, median, min, max per label and of the case means", () => {
    const rows = [rec("a", [[0.2, 0.4, false], [1, 1, true]]), rec("b", [[0.4, 0.6, false], [0, 0, true]]), rec("c", [[0.9, 0.8, false], [1, 1, true]])];
    const s = summarizeEvaluation(rows, { liver: 1, kidney: 2 });
    expect(s.cases).toBe(3);
    expect(s.labels[0].name).toBe("liver");
    expect(s.labels[0].dsc.median).toBe(0.4);
    expect(s.labels[0].dsc.mean).toBeCloseTo(0.5, 15);
    expect(s.labels[0].dsc.std).toBeCloseTo(Math.sqrt((0.09 + 0.01 + 0.16) / 3), 15);
    expect(s.labels[1].dsc).toEqual({ mean: 2 / 3, std: Math.sqrt(2 / 9), median: 1, min: 0, max: 1 });
    expect(s.overall.dsc.min).toBe(0.2);
    expect(summarizeEvaluation([]).overall.dsc.mean).toBeNaN();
  });
});

describe("efficiency and ranking", () => {
  it("efficiencyMetrics ignores values seen in 2 % of the samples or fewer and integrates memory over time", () => {
    const samples = [...new Array(49).fill(1000), 1200, ...new Array(50).fill(800)];
    const e = efficiencyMetrics(samples);
    expect(e.maxMemoryMiB).toBe(1000);
    expect(e.timeS).toBeCloseTo(10, 12);
    expect(e.memoryTimeAreaMiBs).toBeCloseTo((49 * 1000 + 1200 + 50 * 800) * 0.1, 9);
    expect(efficiencyMetrics([5, 5, 7], { intervalS: 0.5, timeS: 3 })).toEqual({ timeS: 3, maxMemoryMiB: 7, memoryTimeAreaMiBs: 8.5 });
    expect(() => efficiencyMetrics([])).toThrow(/samplesMiB/);
  });

  it("rankTeams ranks every case on DSC, NSD, time and memory, averages the ranks (ties averaged) and divides by the team count", () => {
    const row = (name: string, meanDsc: number, meanNsd: number, timeS: number, maxMemoryMiB: number) => ({ name, meanDsc, meanNsd, timeS, maxMemoryMiB });
    const ranking = rankTeams([
      { team: "A", cases: [row("c1", 0.9, 0.9, 30, 2000), row("c2", 0.8, 0.7, 30, 2000)] },
      { team: "B", cases: [row("c1", 0.9, 0.8, 10, 3000), row("c2", 0.9, 0.9, 20, 2000)] },
      { team: "C", cases: [row("c1", 0.5, 0.5, 20, 1000), row("c2", 0.7, 0.6, 40, 1000)] },
    ]);
    // A: c1 1.5 1 3 2 | c2 2 2 2 2.5 → 16/8 = 2; B: 1.5 2 1 3 | 1 1 1 2.5 → 13/8; C: 3 3 2 1 | 3 3 3 1 → 19/8
    expect(ranking.map((r) => [r.team, r.meanRank, r.score, r.position])).toEqual([
      ["B", 13 / 8, 13 / 24, 1],
      ["A", 2, 2 / 3, 2],
      ["C", 19 / 8, 19 / 24, 3],
    ]);
    expect(() => rankTeams([{ team: "A", cases: [row("c1", 1, 1, 1, 1)] }, { team: "B", cases: [] }])).toThrow(/missing c1/);
  });
});
