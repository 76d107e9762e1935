import { describe, expect, it } from "vitest";
import { type Affine, applyAffine, invertAffine } from "../../src/core/affine.ts";
import { isFlarekitError } from "../../src/core/errors.ts";
import { createVolume } from "../../src/core/volume.ts";
import { reorientToCanonical } from "../../src/nifti/orientation.ts";
import { FLARE_COLORS, renderSlice, sliceCount } from "../../src/render/index.ts";

/** World extent of the test object in voxels along x, y, z (all different, to catch transposes). */
const EXTENT = [5, 3, 4];
/** The marker: patient's right-most, anterior-most, superior-most corner (RAS+ world). */
const MARKER = [2, 1, 1.5];

const PERMS = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
const FLIPS = [0, 1, 2, 3, 4, 5, 6, 7].map((b) => [b & 1 ? -1 : 1, b & 2 ? -1 : 1, b & 4 ? -1 : 1]);

/**
 * A volume whose voxel axis a runs along world axis perm[a] with sign flip[a] (1 mm voxels,
 * centred on world 0); voxel value 100 at the marker, 0 elsewhere.
 */
function orientedVolume(perm: number[], flip: number[]) {
  const shape = perm.map((w) => EXTENT[w]);
  const affine: Affine = [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1]];
  for (let a = 0; a < 3; a++) {
    affine[perm[a]][a] = flip[a];
    // voxel 0 sits at −flip·(n−1)/2 along its world axis
    affine[perm[a]][3] = (-flip[a] * (shape[a] - 1)) / 2;
  }
  const data = new Int16Array(shape[0] * shape[1] * shape[2]);
  const markerVoxel = applyAffine(invertAffine(affine), MARKER).map(Math.round);
  data[markerVoxel[0] + shape[0] * (markerVoxel[1] + shape[1] * markerVoxel[2])] = 100;
  return { volume: createVolume(data, shape, { affine }), markerVoxel, shape };
}

function pixel(img: { width: number; rgba: Uint8ClampedArray }, c: number, r: number): number[] {
  const q = (r * img.width + c) * 4;
  return Array.from(img.rgba.subarray(q, q + 4));
}

function brightPixels(img: { width: number; height: number; rgba: Uint8ClampedArray }): [number, number][] {
  const out: [number, number][] = [];
  for (let r = 0; r < img.height; r++) for (let c = 0; c < img.width; c++) if (pixel(img, c, r)[0] > 128) out.push([c, r]);
  return out;
}

const WINDOW = { center: 50, width: 100 };

describe("renderSlice orientation (radiological convention for any affine)", () => {
  it("renderSlice axial: patient's right on the image's left, anterior up, for all 48 axis permutations and flips", () => {
    for (const perm of PERMS) {
      for (const flip of FLIPS) {
        const { volume, markerVoxel } = orientedVolume(perm, flip);
        const zAxis = perm.indexOf(2);
        expect(sliceCount(volume, "axial")).toBe(EXTENT[2]);
        const img = renderSlice(volume, { axis: "axial", index: markerVoxel[zAxis], window: WINDOW });
        expect([img.width, img.height]).toEqual([EXTENT[0], EXTENT[1]]);
        expect(brightPixels(img)).toEqual([[0, 0]]);
      }
    }
  });

  it("renderSlice coronal: patient's right on the left, superior up; sagittal: anterior on the left, superior up", () => {
    for (const perm of PERMS) {
      for (const flip of FLIPS) {
        const { volume, markerVoxel } = orientedVolume(perm, flip);
        const cor = renderSlice(volume, { axis: "coronal", index: markerVoxel[perm.indexOf(1)], window: WINDOW });
        expect([cor.width, cor.height]).toEqual([EXTENT[0], EXTENT[2]]);
        expect(brightPixels(cor)).toEqual([[0, 0]]);
        const sag = renderSlice(volume, { axis: "sagittal", index: markerVoxel[perm.indexOf(0)], window: WINDOW });
        expect([sag.width, sag.height]).toEqual([EXTENT[1], EXTENT[2]]);
        expect(brightPixels(sag)).toEqual([[0, 0]]);
      }
    }
  });

  it("renderSlice of a volume equals that of its canonical (RAS) reorientation, which reads data[nx−1−c, ny−1−r, k]", () => {
    const { volume } = orientedVolume([2, 0, 1], [-1, 1, -1]);
    // fill with distinct values so any misplacement shows
    const d = volume.data as Int16Array;
    for (let i = 0; i < d.length; i++) d[i] = i * 3;
    const canon = reorientToCanonical(volume);
    const [nx, ny] = canon.shape;
    for (let k = 0; k < canon.shape[2]; k++) {
      // voxel axis 0 runs along world z, flipped: canonical slice k is stored slice n0 − 1 − k
      const a = renderSlice(volume, { index: volume.shape[0] - 1 - k, window: { center: 90, width: 180 } });
      const b = renderSlice(canon, { index: k, window: { center: 90, width: 180 } });
      expect(Array.from(a.rgba)).toEqual(Array.from(b.rgba));
      for (let r = 0; r < ny; r++)
        for (let c = 0; c < nx; c++) {
          const v = (canon.data as Int16Array)[nx - 1 - c + nx * (ny - 1 - r + ny * k)];
          expect(pixel(b, c, r)[0]).toBe(Math.min(255, Math.max(0, Math.round((v / 180) * 255))));
        }
    }
  });

  it("renderSlice follows the nearest axis of a slightly oblique affine (10° about z)", () => {
    const { volume, markerVoxel } = orientedVolume([0, 1, 2], [-1, -1, 1]);
    const t = (10 * Math.PI) / 180;
    const rot = [[Math.cos(t), -Math.sin(t), 0], [Math.sin(t), Math.cos(t), 0], [0, 0, 1]];
    const affine = volume.affine.map((row) => row.slice());
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) affine[r][c] = rot[r].reduce((s, v, k) => s + v * volume.affine[k][c], 0);
    const oblique = createVolume(volume.data as Int16Array, volume.shape, { affine });
    expect(brightPixels(renderSlice(oblique, { index: markerVoxel[2], window: WINDOW }))).toEqual([[0, 0]]);
  });
});

describe("renderSlice pixels (hand-computed)", () => {
  // RAS identity affine: voxel (1, 0, 0) is more to the patient's right, so it is drawn in column 0.
  const ct = createVolume(new Int16Array([0, 100, 50, 250]), [2, 2, 1]);
  const labels = createVolume(new Uint8Array([1, 0, 4, 9]), [2, 2, 1]);

  it("renderSlice maps the window linearly: grey = round((v − lo) / width × 255), clamped", () => {
    const img = renderSlice(ct, { window: { center: 40, width: 400 } });
    // lo = −160. Row 0 is y = 1 (anterior): voxel (1,1) = 250 in column 0, voxel (0,1) = 50 in column 1;
    // row 1: voxel (1,0) = 100, voxel (0,0) = 0.
    expect([img.width, img.height]).toEqual([2, 2]);
    expect(pixel(img, 0, 0)).toEqual([255, 255, 255, 255]); // 410/400·255 = 261.4 → clamped
    expect(pixel(img, 1, 0)).toEqual([134, 134, 134, 255]); // 210/400·255 = 133.875
    expect(pixel(img, 0, 1)).toEqual([166, 166, 166, 255]); // 260/400·255 = 165.75
    expect(pixel(img, 1, 1)).toEqual([102, 102, 102, 255]); // 160/400·255 = 102
    expect(Array.from(renderSlice(ct).rgba)).toEqual(Array.from(img.rgba)); // the default window is 40 / 400
  });

  it('renderSlice window "auto" stretches the slice minimum … maximum; scaling is applied first', () => {
    const img = renderSlice(ct, { window: "auto" });
    expect([0, 1, 2, 3].map((p) => img.rgba[p * 4])).toEqual([255, 51, 102, 0]);
    const scaled = createVolume(new Int16Array([0, 100, 50, 250]), [2, 2, 1], { scaling: { slope: 2, intercept: -10 } });
    const s = renderSlice(scaled, { window: { center: 240, width: 500 } });
    // values −10, 190, 90, 490; lo = −10
    expect([0, 1, 2, 3].map((p) => s.rgba[p * 4])).toEqual([255, 51, 102, 0]);
  });

  it("renderSlice blends FLARE colours with alpha: round((1 − a)·grey + a·colour); labels without a colour are not drawn", () => {
    const img = renderSlice(ct, { labels, alpha: 0.4 });
    expect(pixel(img, 0, 0)).toEqual([255, 255, 255, 255]); // label 9: no colour
    expect(pixel(img, 1, 0)).toEqual([182, 182, 80, 255]); // pancreas yellow over 134
    expect(pixel(img, 0, 1)).toEqual([166, 166, 166, 255]); // background
    expect(pixel(img, 1, 1)).toEqual([163, 61, 61, 255]); // liver red over 102
    expect(FLARE_COLORS).toEqual({ 1: [255, 0, 0], 2: [0, 255, 0], 3: [0, 0, 255], 4: [255, 255, 0] });
    const custom = renderSlice(ct, { labels, alpha: 0.5, colors: { 9: [0, 128, 255] } });
    expect(pixel(custom, 0, 0)).toEqual([128, 192, 255, 255]); // 127.5 → 128, 191.5 → 192
    expect(pixel(custom, 1, 1)).toEqual([102, 102, 102, 255]); // label 1 not in the custom colours
  });

  it("renderSlice outline draws label boundaries opaque; with alpha 0 the interior keeps its grey", () => {
    const grid = createVolume(new Int16Array(25), [5, 5, 1]);
    const lab = new Uint8Array(25);
    for (let j = 1; j <= 3; j++) for (let i = 1; i <= 3; i++) lab[i + 5 * j] = 2;
    const img = renderSlice(grid, { labels: createVolume(lab, [5, 5, 1]), alpha: 0, outline: true });
    let green = 0;
    for (let r = 0; r < 5; r++)
      for (let c = 0; c < 5; c++) {
        const px = pixel(img, c, r);
        const ring = c >= 1 && c <= 3 && r >= 1 && r <= 3 && !(c === 2 && r === 2);
        expect(px).toEqual(ring ? [0, 255, 0, 255] : [102, 102, 102, 255]);
        if (ring) green++;
      }
    expect(green).toBe(8);
  });

  it("renderSlice shows anisotropic voxels with true proportions (pixelSizeMm)", () => {
    const v = createVolume(new Int16Array([0, 200, 0, 200, 0, 200]), [2, 1, 3], { spacing: [1, 1, 3] });
    const cor = renderSlice(v, { axis: "coronal", index: 0, window: "auto" });
    expect([cor.width, cor.height]).toEqual([2, 9]);
    for (let r = 0; r < 9; r++) expect([pixel(cor, 0, r)[0], pixel(cor, 1, r)[0]]).toEqual([255, 0]);
    const big = renderSlice(v, { axis: "coronal", index: 0, window: "auto", pixelSizeMm: 0.5 });
    expect([big.width, big.height]).toEqual([4, 18]);
  });

  it("renderSlice writes into out and returns it as rgba; a wrong length is refused", () => {
    const out = new Uint8ClampedArray(16).fill(7);
    const img = renderSlice(ct, { out });
    expect(img.rgba).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(renderSlice(ct).rgba));
    expect(() => renderSlice(ct, { out: new Uint8ClampedArray(12) })).toThrow(/Invalid out/);
  });

  it("renderSlice takes the frame of a 4D volume", () => {
    const v = createVolume(new Int16Array([0, 0, 0, 0, 100, 100, 100, 100]), [2, 2, 1, 2]);
    expect(renderSlice(v, { frame: 1, window: "auto" }).rgba[0]).toBe(0); // flat frame → lo = 100
    expect(renderSlice(v, { frame: 1, window: WINDOW }).rgba[0]).toBe(255);
    expect(renderSlice(v, { frame: 0, window: WINDOW }).rgba[0]).toBe(0);
  });

  it("renderSlice rejects a bad index, axis, window, alpha, dtype, and labels on another grid", () => {
    const expectCode = (f: () => unknown, code: "INVALID_ARGUMENT" | "SHAPE_MISMATCH") => {
      try {
        f();
        expect.unreachable();
      } catch (err) {
        expect(isFlarekitError(err, code)).toBe(true);
      }
    };
    expectCode(() => renderSlice(ct, { index: 1 }), "INVALID_ARGUMENT");
    expectCode(() => renderSlice(ct, { index: -1 }), "INVALID_ARGUMENT");
    expectCode(() => renderSlice(ct, { axis: "oblique" as "axial" }), "INVALID_ARGUMENT");
    expectCode(() => renderSlice(ct, { window: { center: 0, width: 0 } }), "INVALID_ARGUMENT");
    expectCode(() => renderSlice(ct, { alpha: 2 }), "INVALID_ARGUMENT");
    expectCode(() => renderSlice(ct, { labels: createVolume(new Float32Array(4), [2, 2, 1]) }), "INVALID_ARGUMENT");
    expectCode(() => renderSlice(createVolume(new Float32Array(8), [2, 2, 1], { dtype: "complex64" }), {}), "INVALID_ARGUMENT");
    expectCode(() => renderSlice(ct, { labels: createVolume(new Uint8Array(6), [3, 2, 1]) }), "SHAPE_MISMATCH");
  });
});
