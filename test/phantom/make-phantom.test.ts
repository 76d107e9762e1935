import { describe, expect, it } from "vitest";
import { applyAffine } from "../../src/core/affine.ts";
import { isFlarekitError } from "../../src/core/errors.ts";
import { makePhantom, PHANTOM_HU } from "../../src/phantom/index.ts";

const ORGAN_HU: Record<number, number> = { 1: 60, 2: 150, 3: 50, 4: 40 };

/** Per-label voxel count, HU sum, HU sum of squares and world-coordinate sums (a naive oracle). */
function perLabel(ph: ReturnType<typeof makePhantom>) {
  const [nx, ny, nz] = ph.ct.shape;
  const s = Array.from({ length: 5 }, () => ({ n: 0, hu: 0, hu2: 0, x: 0, y: 0, z: 0, right: 0, left: 0 }));
  const w = [0, 0, 0];
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const p = i + nx * (j + ny * k);
        const l = ph.labels.data[p];
        const e = s[l];
        const v = ph.ct.data[p];
        applyAffine(ph.ct.affine, [i, j, k], w);
        e.n++;
        e.hu += v;
        e.hu2 += v * v;
        e.x += w[0];
        e.y += w[1];
        e.z += w[2];
        if (w[0] > 0) e.right++;
        else e.left++;
      }
  return s;
}

describe("makePhantom", () => {
  const ph = makePhantom({ seed: 0 });
  const stats = perLabel(ph);
  const voxelMl = (1.5 * 1.5 * 2.5) / 1000;

  it("makePhantom() has the documented default grid and a DICOM-like affine diag(−sx, −sy, sz)", () => {
    expect(ph.ct.dtype).toBe("int16");
    expect(ph.labels.dtype).toBe("uint8");
    expect(ph.ct.shape).toEqual([256, 256, 64]);
    expect(ph.labels.shape).toEqual([256, 256, 64]);
    expect(ph.ct.spacing).toEqual([1.5, 1.5, 2.5]);
    expect(ph.ct.affine[0][0]).toBe(-1.5);
    expect(ph.ct.affine[1][1]).toBe(-1.5);
    expect(ph.ct.affine[2][2]).toBe(2.5);
    // The centre of the field of view is world (0, 0, 0).
    expect(applyAffine(ph.ct.affine, [127.5, 127.5, 31.5])).toEqual([0, 0, 0]);
    expect(ph.labels.affine).toEqual(ph.ct.affine);
    expect(ph.ct.scaling).toBeUndefined();
  });

  it("makePhantom({ seed }) is deterministic and the seed matters", () => {
    const again = makePhantom({ seed: 0 });
    expect(Buffer.from(again.ct.data.buffer).equals(Buffer.from(ph.ct.data.buffer))).toBe(true);
    expect(Buffer.from(again.labels.data.buffer).equals(Buffer.from(ph.labels.data.buffer))).toBe(true);
    const other = makePhantom({ seed: 1, shape: [64, 64, 16], spacing: [6, 6, 10] });
    const other2 = makePhantom({ seed: 2, shape: [64, 64, 16], spacing: [6, 6, 10] });
    expect(Buffer.from(other.ct.data.buffer).equals(Buffer.from(other2.ct.data.buffer))).toBe(false);
  });

  it("organ volumes are realistic at the default grid (liver ≈ 1.5 L, kidneys ≈ 0.15 L each, spleen ≈ 0.2 L, pancreas ≈ 0.08 L)", () => {
    const ml = stats.map((e) => e.n * voxelMl);
    expect(ml[1]).toBeGreaterThan(1300);
    expect(ml[1]).toBeLessThan(1700);
    expect(ml[2]).toBeGreaterThan(250);
    expect(ml[2]).toBeLessThan(360);
    // both kidneys: about half each side
    expect(stats[2].right * voxelMl).toBeGreaterThan(120);
    expect(stats[2].right * voxelMl).toBeLessThan(180);
    expect(stats[2].left * voxelMl).toBeGreaterThan(120);
    expect(stats[2].left * voxelMl).toBeLessThan(180);
    expect(ml[3]).toBeGreaterThan(170);
    expect(ml[3]).toBeLessThan(240);
    expect(ml[4]).toBeGreaterThan(60);
    expect(ml[4]).toBeLessThan(100);
  });

  it("organ HU means are near the targets and the noise has the requested spread", () => {
    for (const l of [1, 2, 3, 4]) {
      const mean = stats[l].hu / stats[l].n;
      expect(Math.abs(mean - ORGAN_HU[l])).toBeLessThan(1);
      const sd = Math.sqrt(stats[l].hu2 / stats[l].n - mean * mean);
      expect(sd).toBeGreaterThan(9);
      expect(sd).toBeLessThan(11);
    }
    expect(PHANTOM_HU.liver).toBe(60);
  });

  it("organs sit where anatomy puts them (liver patient's right, spleen left, kidneys posterior)", () => {
    const c = stats.map((e) => [e.x / e.n, e.y / e.n, e.z / e.n]);
    expect(c[1][0]).toBeGreaterThan(20); // liver: +x = patient's right in RAS
    expect(c[3][0]).toBeLessThan(-50); // spleen: patient's left
    expect(c[2][1]).toBeLessThan(c[1][1] - 20); // kidneys posterior to the liver
    expect(c[2][1]).toBeLessThan(c[4][1]); // and to the pancreas
    expect(c[1][2]).toBeGreaterThan(c[2][2]); // liver above the kidneys
    expect(Math.abs(c[2][0])).toBeLessThan(10); // kidneys on both sides
  });

  it("noiseHu: 0 gives exact tissue values, and every labelled voxel lies at least 25 mm inside the skin", () => {
    const clean = makePhantom({ seed: 3, noiseHu: 0, shape: [128, 128, 32], spacing: [3, 3, 5] });
    const [nx, ny, nz] = clean.ct.shape;
    let checked = 0;
    let wrongHu = 0;
    let nearSkin = 0;
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++) {
        const row = nx * (j + ny * k);
        let first = -1;
        let last = -1;
        for (let i = 0; i < nx; i++) {
          if (clean.ct.data[row + i] > -500) {
            if (first < 0) first = i;
            last = i;
          }
        }
        for (let i = 0; i < nx; i++) {
          const l = clean.labels.data[row + i];
          if (l === 0) continue;
          checked++;
          if (clean.ct.data[row + i] !== ORGAN_HU[l]) wrongHu++;
          if ((i - first) * 3 < 25 || (last - i) * 3 < 25) nearSkin++;
        }
      }
    expect(checked).toBeGreaterThan(1000);
    expect(wrongHu).toBe(0);
    expect(nearSkin).toBe(0);
  });

  it("makePhantom samples the same anatomy on a coarser grid (volumes within 10 %)", () => {
    const coarse = makePhantom({ shape: [128, 128, 32], spacing: [3, 3, 5] });
    const cs = perLabel(coarse);
    for (const l of [1, 2, 3, 4]) {
      const a = cs[l].n * 0.045;
      const b = stats[l].n * voxelMl;
      expect(Math.abs(a - b) / b).toBeLessThan(0.1);
    }
  });

  it("makePhantom rejects invalid shape, spacing, seed and noise with InvalidArgumentError", () => {
    const bad = [
      { shape: [0, 10, 10] as [number, number, number] },
      { shape: [10.5, 10, 10] as [number, number, number] },
      { spacing: [1, -1, 1] as [number, number, number] },
      { seed: Number.NaN },
      { noiseHu: -1 },
    ];
    for (const o of bad) {
      try {
        makePhantom(o);
        expect.unreachable();
      } catch (err) {
        expect(isFlarekitError(err, "INVALID_ARGUMENT")).toBe(true);
      }
    }
  });
});
