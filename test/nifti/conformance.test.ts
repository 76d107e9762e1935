import { readFileSync, existsSync } from "node:fs";
import { it, expect } from "vitest";
import { describeShared, sharedJson, sharedPath } from "../helpers/shared.ts";
import { nanStats, voxelSha256 } from "../helpers/voxel-hash.ts";
import { readNiftiFileSync, readNiftiHeaderFile } from "../../src/node/nifti-files.ts";
import { axisCodes, ioOrientation, reorientToCanonical, isFlarekitError, scaledData } from "../../src/index.ts";

interface IndexEntry { file: string; truth: string; readable: boolean; crosscheck: boolean | null }
type Truth = Record<string, any>;

const HEADER_FIELDS = [
  "sizeof_hdr", "dim", "datatype", "bitpix", "pixdim", "vox_offset", "scl_slope", "scl_inter", "cal_min", "cal_max",
  "descrip", "aux_file", "intent_code", "intent_p1", "intent_p2", "intent_p3", "intent_name", "dim_info",
  "slice_code", "slice_start", "slice_end", "slice_duration", "toffset", "xyzt_units", "qform_code", "sform_code",
  "quatern_b", "quatern_c", "quatern_d", "qoffset_x", "qoffset_y", "qoffset_z", "srow_x", "srow_y", "srow_z", "funused1",
];

function num(v: unknown): number {
  if (typeof v === "number") return v;
  const s = String(v).toLowerCase();
  return s === "nan" ? NaN : s === "inf" ? Infinity : s === "-inf" ? -Infinity : Number(v);
}

function closeRel(a: number, bRaw: unknown, rel = 1e-9): boolean {
  const b = num(bRaw);
  if (Number.isNaN(b)) return Number.isNaN(a);
  if (a === b) return true;
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b));
}

function expectAffine(actual: number[][], expected: number[][], tol = 1e-5): void {
  for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) {
    expect(Math.abs(actual[r][c] - expected[r][c]), `affine[${r}][${c}] ${actual[r][c]} vs ${expected[r][c]}`).toBeLessThanOrEqual(tol);
  }
}

function expectStats(actual: ReturnType<typeof nanStats>, expected: Record<string, number>, what: string): void {
  for (const k of ["nan_count", "inf_count", "nonzero_count"] as const) expect(actual[k], `${what}.${k}`).toBe(expected[k]);
  for (const k of ["min", "max", "mean", "sum"] as const) {
    expect(closeRel(actual[k], expected[k]), `${what}.${k}: ${actual[k]} vs ${expected[k]}`).toBe(true);
  }
}

describeShared("NIfTI conformance with nibabel on the real-file corpus", () => {
  const index = sharedJson<IndexEntry[]>("nifti/truth/index.json");
  const root = (f: string) => sharedPath(`nifti/${f}`);

  it("lists every corpus file", () => {
    expect(index.length).toBeGreaterThanOrEqual(70);
  });

  for (const entry of index) {
    const truth = sharedJson<Truth>(`nifti/truth/${entry.truth}`);
    if (!entry.readable) {
      it(`${entry.file}: refused with a typed NOT_NIFTI error`, () => {
        let caught: unknown;
        try { readNiftiFileSync(root(entry.file)); } catch (e) { caught = e; }
        expect(isFlarekitError(caught, "NOT_NIFTI")).toBe(true);
      });
      continue;
    }
    it(`${entry.file}: header fields, affine and source equal nibabel's`, async () => {
      const info = await readNiftiHeaderFile(root(entry.file));
      const h = info.header as unknown as Record<string, unknown>;
      for (const f of HEADER_FIELDS) {
        if (!(f in truth) || truth[f] === null) continue;
        const want = truth[f];
        const got = h[f];
        if (typeof want === "number" || want === "NaN" || want === "nan") expect(closeRel(got as number, want, 0), `${f}: ${got} vs ${want}`).toBe(true);
        else expect(got, f).toEqual(want);
      }
      expect(info.shape).toEqual(truth.shape);
      expect(info.affineSource).toBe(truth.affine_source);
      expectAffine(info.affine, truth.affine);
      expect(axisCodes(info.affine)).toBe(truth.axcodes);
      expect(info.extensions.map((e) => e.code)).toEqual(truth.extensions.map((e: { code: number }) => e.code));
      // nibabel re-serialises AFNI (4) and CIFTI (32) extensions when it reports their size; others are as on disk.
      truth.extensions.forEach((e: { code: number; esize: number; content_bytes: number | null }, k: number) => {
        const content = info.extensions[k].content;
        if (e.code !== 4 && e.code !== 32) expect(content.length + 8).toBe(e.esize);
        if (e.content_bytes !== null) {
          let end = content.length;
          while (end > 0 && content[end - 1] === 0) end--;
          expect(end).toBe(e.content_bytes);
        }
      });
      if (truth.qform_affine && truth.qform_code !== null) {
        const { qformAffine, sformAffine, fallbackAffine } = await import("../../src/nifti/index.ts");
        expectAffine(qformAffine(info.header), truth.qform_affine);
        expectAffine(sformAffine(info.header), truth.sform_affine);
        expectAffine(fallbackAffine(info.header), truth.fallback_affine);
      }
    });
    if (truth.data_note && String(truth.data_note).includes("header-only")) {
      it(`${entry.file}: header-only file parses; reading voxels reports the missing partner`, () => {
        let caught: unknown;
        try { readNiftiFileSync(root(entry.file)); } catch (e) { caught = e; }
        expect(isFlarekitError(caught, "MISSING_PARTNER")).toBe(true);
      });
      continue;
    }
    it(`${entry.file}: voxels (sha256), scaled statistics and canonical reorientation equal nibabel's`, () => {
      const v = readNiftiFileSync(root(entry.file));
      const data = truth.data;
      expect(v.voxelCount).toBe(data.nvox);
      expect(voxelSha256(v)).toBe(data.sha256_unscaled_le_fortran);
      if (data.kind === "real") {
        expectStats(nanStats(scaledData(v, { dtype: "float64" })), data.scaled, "scaled");
        for (const s of data.samples as { index: number[]; raw: number; scaled: number }[]) {
          let off = 0, mul = 1;
          s.index.forEach((ix, ax) => { off += ix * mul; mul *= v.shape[ax]; });
          expect(closeRel(Number(v.data[off]), s.raw, 0)).toBe(true);
          expect(closeRel(scaledData(v, { dtype: "float64" })[off], s.scaled)).toBe(true);
        }
      } else if (data.kind === "complex") {
        const f = scaledData(v, { dtype: "float64" });
        expectStats(nanStats(f, 2, 0), data.scaled_real, "real");
        expectStats(nanStats(f, 2, 1), data.scaled_imag, "imag");
      } else if (data.kind === "rgb") {
        const names = Object.keys(data.channels);
        names.forEach((ch, k) => expectStats(nanStats(v.data as Uint8Array, names.length, k), data.channels[ch], ch));
      }
      const can = data.canonical;
      const c = reorientToCanonical(v);
      expect(ioOrientation(v.affine).map((o) => (o ? [o[0], o[1]] : null))).toEqual(can.ornt);
      expect(c.shape).toEqual(can.shape);
      expectAffine(c.affine, can.affine);
      expect(axisCodes(c.affine)).toBe(can.axcodes);
      expect(voxelSha256(c)).toBe(can.sha256_unscaled_le_fortran);
    });
  }
});
