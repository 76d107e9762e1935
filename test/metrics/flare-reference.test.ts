// Conformance with the official FLARE21 evaluation (numpy 1.24 / scipy 1.10) on ../shared/data/flare.
import { expect, it } from "vitest";
import {
  assdFromDistances,
  averageSurfaceDistanceFromDistances,
  dice,
  evaluateCase,
  hausdorffFromDistances,
  surfaceAreas,
  surfaceDistances,
  surfaceDiceFromDistances,
} from "../../src/metrics/index.ts";
import { readNiftiFileSync } from "../../src/node/index.ts";
import { describeShared, sharedJson, sharedPath } from "../helpers/shared.ts";
import { hexOf, parseExpected } from "./hex.ts";

interface ExpectedLabel {
  name: string;
  branch: string;
  gt_voxels: number;
  pred_voxels: number;
  dsc_hex: string;
  nsd_hex: string;
  hd95?: number | string;
  hd100?: number | string;
  asd_gt_to_pred?: number | string;
  asd_pred_to_gt?: number | string;
  assd_mean_of_directions?: number | string;
  assd_area_weighted?: number | string;
  n_surfels_gt?: number;
  n_surfels_pred?: number;
  surface_area_gt_mm2?: number;
  surface_area_pred_mm2?: number;
}
interface ExpectedCase {
  gt: string;
  pred: string;
  shape: number[];
  spacing_hex: string[];
  mean_dsc: number;
  mean_nsd: number;
  labels: Record<string, ExpectedLabel>;
}

const BRANCH: Record<string, string> = {
  computed: "computed",
  both_empty: "both-empty",
  computed_pred_empty: "pred-empty",
  gt_empty: "gt-empty",
};

/** Relative closeness for the surface-distance figures (1e-9), with inf / nan matched exactly. */
function expectClose(actual: number | undefined, expected: number | string | undefined): void {
  const e = parseExpected(expected);
  if (!Number.isFinite(e)) {
    expect(actual).toBe(e);
    return;
  }
  expect(Math.abs((actual as number) - e)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(e)));
}

describeShared("FLARE21 reference cases", () => {
  const cases = sharedJson<{ cases: Record<string, ExpectedCase> }>("flare/expected.json").cases;
  for (const [name, c] of Object.entries(cases)) {
    const load = () => {
      const gt = readNiftiFileSync(sharedPath(`flare/${c.gt}`));
      const pred = readNiftiFileSync(sharedPath(`flare/${c.pred}`));
      return { gt, pred };
    };

    it(`evaluateCase(${name}) gives bit-identical DSC and NSD, the empty-mask branches and the means`, () => {
      const { gt, pred } = load();
      expect(gt.spacing.map(hexOf)).toEqual(c.spacing_hex.map((h) => hexOf(parseExpected(h))));
      const r = evaluateCase(gt, pred, { hd95: true });
      expect(r.labels.map((l) => l.label)).toEqual([1, 2, 3, 4]);
      for (const l of r.labels) {
        const e = c.labels[String(l.label)];
        expect(l.name).toBe(e.name);
        expect(l.branch).toBe(BRANCH[e.branch]);
        expect(l.gtVoxels).toBe(e.gt_voxels);
        expect(l.predVoxels).toBe(e.pred_voxels);
        expect(hexOf(l.dsc)).toBe(hexOf(parseExpected(e.dsc_hex)));
        expect(hexOf(l.nsd)).toBe(hexOf(parseExpected(e.nsd_hex)));
        if (e.hd95 !== undefined) {
          expectClose(l.hd95Mm, e.hd95);
          expectClose(l.hdMm, e.hd100);
          expectClose(l.asdGtToPredMm, e.asd_gt_to_pred);
          expectClose(l.asdPredToGtMm, e.asd_pred_to_gt);
          expectClose(l.assdMm, e.assd_mean_of_directions);
        }
      }
      expect(r.meanDsc).toBe(c.mean_dsc);
      expect(r.meanNsd).toBe(c.mean_nsd);
      expect(r.affineMismatch).toBe(false);
    });

    it(`surfaceDistances(${name}) has the official surfel counts, areas and directed figures per label`, () => {
      const { gt, pred } = load();
      for (const [label, e] of Object.entries(c.labels)) {
        if (e.n_surfels_gt === undefined) continue;
        const d = surfaceDistances(gt, pred, { label: Number(label) });
        expect(d.distancesGtToPredMm.length).toBe(e.n_surfels_gt);
        expect(d.distancesPredToGtMm.length).toBe(e.n_surfels_pred);
        expectClose(d.surfelAreasGtMm2.reduce((a, b) => a + b, 0), e.surface_area_gt_mm2);
        expectClose(d.surfelAreasPredMm2.reduce((a, b) => a + b, 0), e.surface_area_pred_mm2);
        expect(hexOf(surfaceDiceFromDistances(d, 1))).toBe(hexOf(parseExpected(e.nsd_hex)));
        expectClose(hausdorffFromDistances(d, 95), e.hd95);
        expectClose(hausdorffFromDistances(d, 100), e.hd100);
        const asd = averageSurfaceDistanceFromDistances(d);
        expectClose(asd.gtToPredMm, e.asd_gt_to_pred);
        expectClose(asd.predToGtMm, e.asd_pred_to_gt);
        expectClose(assdFromDistances(d), e.assd_mean_of_directions);
        expectClose(assdFromDistances(d, "area-weighted"), e.assd_area_weighted);
        if (e.branch === "computed") expect(hexOf(dice(gt, pred, { label: Number(label) }))).toBe(hexOf(parseExpected(e.dsc_hex)));
      }
    });

    it(`surfaceAreas(${name}) equals surface_area_gt_mm2 for every label`, () => {
      const { gt } = load();
      const areas = surfaceAreas(gt.data as ArrayLike<number>, gt.shape, gt.spacing, [1, 2, 3, 4]);
      for (const [label, e] of Object.entries(c.labels)) {
        if (e.surface_area_gt_mm2 === undefined) expect(e.gt_voxels).toBe(0);
        expectClose(areas.get(Number(label)), e.surface_area_gt_mm2 ?? 0);
      }
    });
  }
});
