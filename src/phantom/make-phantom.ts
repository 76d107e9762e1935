/**
 * The built-in abdominal CT phantom.
 * @module
 */
import type { Affine } from "../core/affine.ts";
import { InvalidArgumentError } from "../core/errors.ts";
import { Volume } from "../core/volume.ts";
import { createRandom } from "../core/random.ts";

/** Options of {@link makePhantom}. */
export interface PhantomOptions {
  /**
   * Grid size `[nx, ny, nz]` in voxels. The field of view (`shape × spacing`)
   * is centred on the body; organs outside it are cut off.
   * @defaultValue `[256, 256, 64]`
   */
  shape?: readonly [number, number, number];
  /**
   * Voxel size `[sx, sy, sz]` in mm.
   * @defaultValue `[1.5, 1.5, 2.5]`
   */
  spacing?: readonly [number, number, number];
  /**
   * Seed of the image noise and of the small anatomical jitter (organ centres
   * move by up to ±2 mm, sizes by up to ±3 %). Same seed, same bytes.
   * @defaultValue `0`
   */
  seed?: number;
  /**
   * Standard deviation of the Gaussian image noise, in HU (0 for a noiseless phantom).
   * @defaultValue `10`
   */
  noiseHu?: number;
}

/** What {@link makePhantom} returns: a CT and its ground-truth labels on the same grid. */
export interface Phantom {
  /** The CT in Hounsfield units (stored as is, no scaling), clamped to [−1024, 3071]. */
  ct: Volume<"int16">;
  /** FLARE21 labels: 0 background, 1 liver, 2 kidneys (both), 3 spleen, 4 pancreas. */
  labels: Volume<"uint8">;
}

/** Mean HU of each tissue of the phantom (before noise). */
export const PHANTOM_HU: Readonly<Record<
  "air" | "fat" | "muscle" | "liver" | "spleen" | "kidney" | "pancreas" | "bone" | "bowel" | "stomach" | "blood" | "csf" | "disc",
  number
>> = {
  air: -1000,
  fat: -100,
  muscle: 50,
  liver: 60,
  spleen: 50,
  kidney: 150,
  pancreas: 40,
  bone: 700,
  bowel: 20,
  stomach: 30,
  blood: 140,
  csf: 10,
  disc: 80,
};

// Tissue classes, as indices into TISSUE_HU (painted by priority, see tissueAt).
const AIR = 0;
const FAT = 1;
const MUSCLE = 2;
const LIVER = 3;
const SPLEEN = 4;
const KIDNEY = 5;
const PANCREAS = 6;
const BONE = 7;
const BOWEL = 8;
const STOMACH = 9;
const BLOOD = 10;
const CSF = 11;
const DISC = 12;
const TISSUE_HU = [
  PHANTOM_HU.air, PHANTOM_HU.fat, PHANTOM_HU.muscle, PHANTOM_HU.liver, PHANTOM_HU.spleen, PHANTOM_HU.kidney,
  PHANTOM_HU.pancreas, PHANTOM_HU.bone, PHANTOM_HU.bowel, PHANTOM_HU.stomach, PHANTOM_HU.blood, PHANTOM_HU.csf,
  PHANTOM_HU.disc,
];
// FLARE21 label of each tissue class (0 for tissues that are not labelled).
const TISSUE_LABEL = [0, 0, 0, 1, 3, 2, 4, 0, 0, 0, 0, 0, 0];

/** An ellipsoid with semi-axes (a, b, c) mm, rotated by `angle` rad about the z axis. */
interface Ellipsoid {
  cx: number;
  cy: number;
  cz: number;
  a: number;
  b: number;
  c: number;
  cos: number;
  sin: number;
}

/** A capsule (tube with round ends) from p0 to p1 whose radius goes linearly from r0 to r1 (mm). */
interface Capsule {
  x0: number;
  y0: number;
  z0: number;
  dx: number;
  dy: number;
  dz: number;
  len2: number;
  r0: number;
  r1: number;
}

function ellipsoid(cx: number, cy: number, cz: number, a: number, b: number, c: number, angleDeg = 0): Ellipsoid {
  const t = (angleDeg * Math.PI) / 180;
  return { cx, cy, cz, a, b, c, cos: Math.cos(t), sin: Math.sin(t) };
}

function inEllipsoid(e: Ellipsoid, x: number, y: number, z: number): boolean {
  const px = x - e.cx;
  const py = y - e.cy;
  const u = (px * e.cos + py * e.sin) / e.a;
  const v = (-px * e.sin + py * e.cos) / e.b;
  const w = (z - e.cz) / e.c;
  return u * u + v * v + w * w <= 1;
}

function capsule(p0: readonly number[], p1: readonly number[], r0: number, r1: number): Capsule {
  const dx = p1[0] - p0[0];
  const dy = p1[1] - p0[1];
  const dz = p1[2] - p0[2];
  return { x0: p0[0], y0: p0[1], z0: p0[2], dx, dy, dz, len2: dx * dx + dy * dy + dz * dz, r0, r1 };
}

function inCapsule(c: Capsule, x: number, y: number, z: number): boolean {
  const px = x - c.x0;
  const py = y - c.y0;
  const pz = z - c.z0;
  let t = (px * c.dx + py * c.dy + pz * c.dz) / c.len2;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const qx = px - t * c.dx;
  const qy = py - t * c.dy;
  const qz = pz - t * c.dz;
  const r = c.r0 + t * (c.r1 - c.r0);
  return qx * qx + qy * qy + qz * qz <= r * r;
}

/** The anatomy in world mm (RAS+: +x patient's left→right, +y posterior→anterior, +z inferior→superior), centred on (0, 0, 0). */
interface Anatomy {
  liver: Ellipsoid;
  liverLeftLobe: Ellipsoid;
  spleen: Ellipsoid;
  kidneyRight: Ellipsoid;
  kidneyLeft: Ellipsoid;
  sinusRight: Ellipsoid;
  sinusLeft: Ellipsoid;
  pancreas: Capsule;
  stomach: Ellipsoid;
}

function anatomy(seed: number): Anatomy {
  const rng = createRandom(seed, 1);
  // ±2 mm on centres, ±3 % on sizes.
  const j = (v: number): number => v + rng.uniform(-2, 2);
  const s = (v: number): number => v * rng.uniform(0.97, 1.03);
  const kr = [j(68), j(-40), j(-30)];
  const kl = [j(-68), j(-40), j(-22)];
  return {
    // Patient's right (+x), anterior, upper abdomen; the left lobe crosses the midline anteriorly.
    liver: ellipsoid(j(62), j(8), j(30), s(85), s(82), s(67), -15),
    liverLeftLobe: ellipsoid(j(-5), j(42), j(38), s(42), s(28), s(30)),
    // Patient's left (−x), posterolateral, along the ribs.
    spleen: ellipsoid(j(-90), j(-24), j(38), s(49), s(25), s(45), -53),
    kidneyRight: ellipsoid(kr[0], kr[1], kr[2], s(28), s(26), s(52), 20),
    kidneyLeft: ellipsoid(kl[0], kl[1], kl[2], s(28), s(26), s(52), -20),
    // Renal sinus (fat) on the medial-anterior side of each kidney.
    sinusRight: ellipsoid(kr[0] - 22, kr[1] + 10, kr[2], 12, 10, 20),
    sinusLeft: ellipsoid(kl[0] + 22, kl[1] + 10, kl[2], 12, 10, 20),
    // Head near the duodenum (right of midline), tail towards the splenic hilum.
    pancreas: capsule([j(22), j(6), j(0)], [j(-72), j(-10), j(16)], s(17), s(13)),
    stomach: ellipsoid(-55, 22, 42, 36, 32, 32, -30),
  };
}

// Body cross-section (mm): outer skin ellipse, subcutaneous fat 20 mm, muscle wall 10 mm.
const BODY_A = 160;
const BODY_B = 115;
const FAT_MM = 20;
const WALL_MM = 10;

/** The tissue class at world point (x, y, z) mm. Painted by priority: the first rule that matches wins. */
function tissueAt(an: Anatomy, x: number, y: number, z: number): number {
  const skin = (x / BODY_A) ** 2 + (y / BODY_B) ** 2;
  if (skin > 1) return AIR;
  const wallA = BODY_A - FAT_MM;
  const wallB = BODY_B - FAT_MM;
  if ((x / wallA) ** 2 + (y / wallB) ** 2 > 1) return FAT;
  const inA = wallA - WALL_MM;
  const inB = wallB - WALL_MM;
  const inner = (x / inA) ** 2 + (y / inB) ** 2;
  // Spine: vertebral body with discs every 30 mm, arch around the canal, spinous process.
  const vb = x * x + (y + 48) ** 2;
  if (vb <= 18 * 18) {
    const m = (((z + 1000) % 30) + 30) % 30;
    return m < 5 ? DISC : BONE;
  }
  const canal = x * x + (y + 75) ** 2;
  if (canal <= 8 * 8) return CSF;
  if (canal <= 13 * 13) return BONE;
  if (Math.abs(x) <= 4 && y <= -85 && y >= -100) return BONE;
  if (inner > 1) {
    // Ribs in the upper abdominal wall: 8 mm bands every 25 mm, lateral and posterior only.
    if (z > -5 && Math.abs(x) > 45 && y > -80 && (((z + 1000) % 25) + 25) % 25 < 8) return BONE;
    return MUSCLE;
  }
  // Great vessels: aorta left of midline, IVC right of midline.
  if ((x + 14) ** 2 + (y + 24) ** 2 <= 11 * 11) return BLOOD;
  if ((x - 24) ** 2 + (y + 22) ** 2 <= 12 * 12) return BLOOD;
  if (inEllipsoid(an.kidneyRight, x, y, z)) return inEllipsoid(an.sinusRight, x, y, z) ? FAT : KIDNEY;
  if (inEllipsoid(an.kidneyLeft, x, y, z)) return inEllipsoid(an.sinusLeft, x, y, z) ? FAT : KIDNEY;
  if (inEllipsoid(an.spleen, x, y, z)) return SPLEEN;
  if (inCapsule(an.pancreas, x, y, z)) return PANCREAS;
  if (inEllipsoid(an.liver, x, y, z) || inEllipsoid(an.liverLeftLobe, x, y, z)) return LIVER;
  if (inEllipsoid(an.stomach, x, y, z)) return y > an.stomach.cy + 14 ? AIR : STOMACH;
  // Psoas (lower abdomen) and paraspinal muscles.
  if (z < 0 && ((Math.abs(x) - 32) / 13) ** 2 + ((y + 46) / 13) ** 2 <= 1) return MUSCLE;
  if (((Math.abs(x) - 30) / 20) ** 2 + ((y + 72) / 14) ** 2 <= 1) return MUSCLE;
  // Bowel loops in the anterior abdomen below the liver.
  // Domain-warped sines give tube-like, irregular loops rather than a regular grid.
  if (y > -20 && z < 10) {
    const u = Math.sin(x / 11 + 1.7 * Math.sin(y / 17 + z / 23));
    const v = Math.sin(y / 10 + 1.5 * Math.sin(x / 19 - z / 29));
    const w = Math.cos(z / 13 + 1.3 * Math.sin((x + y) / 21));
    if (Math.abs(u * v + 0.6 * w) < 0.35) return BOWEL;
  }
  return FAT;
}

function checkTriple(name: string, v: readonly number[], integer: boolean): void {
  if (!Array.isArray(v) || v.length !== 3 || v.some((n) => typeof n !== "number" || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)))) {
    throw new InvalidArgumentError(name, v, integer ? "three positive integers" : "three finite positive numbers (mm)");
  }
}

/**
 * Makes a synthetic abdominal CT with FLARE21 ground-truth labels: the
 * built-in phantom used by the demo, the examples and many tests.
 *
 * The body is an elliptic cylinder (skin, 20 mm subcutaneous fat at −100 HU,
 * 10 mm muscle wall at 50 HU with ribs in the upper half) around visceral fat,
 * bowel loops, the spine (700 HU with discs and canal), aorta and IVC, psoas
 * and paraspinal muscles, a stomach with an air pocket, and the four FLARE
 * organs: liver (60 HU, label 1) on the patient's right, both kidneys (150 HU,
 * label 2) posterior beside the spine, spleen (50 HU, label 3) on the
 * patient's left, pancreas (40 HU, label 4) in front of the aorta. At the
 * default grid the organ volumes are liver ≈ 1.5 L, kidneys ≈ 0.15 L each,
 * spleen ≈ 0.2 L, pancreas ≈ 0.08 L. Gaussian noise of `noiseHu` is added.
 *
 * The affine is that of a typical CT converted from DICOM (LPS storage):
 * `diag(−sx, −sy, sz)`, so voxel index i grows towards the patient's left,
 * j towards posterior and k towards superior, with world (0, 0, 0) mm at the
 * centre of the field of view. Organs are built in world mm, so other
 * spacings sample the same anatomy.
 *
 * Memory: 3 bytes per voxel (12.6 MB at the default 256×256×64). Time: about
 * 0.3 s at the default grid.
 *
 * @param options - Grid shape, spacing (mm), seed and noise level (HU).
 * @returns The CT (`int16` HU) and its labels (`uint8`), sharing one grid.
 * @throws {@link InvalidArgumentError} when shape, spacing, seed or noise are invalid.
 * @example
 * ```ts
 * import { makePhantom } from "flarekit";
 * const { ct, labels } = makePhantom({ seed: 1 });
 * String(ct); // "Volume<int16> 256×256×64 @ 1.50×1.50×2.50 mm"
 * labels.data.includes(4); // true
 * ```
 * @see FLARE21 labels: Ma et al., "Fast and Low-GPU-memory abdomen CT organ segmentation: The FLARE challenge", Medical Image Analysis 82 (2022).
 */
export function makePhantom(options: PhantomOptions = {}): Phantom {
  const shape = options.shape ?? [256, 256, 64];
  const spacing = options.spacing ?? [1.5, 1.5, 2.5];
  const seed = options.seed ?? 0;
  const noiseHu = options.noiseHu ?? 10;
  checkTriple("shape", shape, true);
  checkTriple("spacing", spacing, false);
  if (typeof seed !== "number" || !Number.isFinite(seed)) throw new InvalidArgumentError("seed", seed, "a finite number");
  if (typeof noiseHu !== "number" || !Number.isFinite(noiseHu) || noiseHu < 0) {
    throw new InvalidArgumentError("noiseHu", noiseHu, "a finite number ≥ 0 (HU)");
  }
  const [nx, ny, nz] = shape;
  const [sx, sy, sz] = spacing;
  const affine: Affine = [
    [-sx, 0, 0, (sx * (nx - 1)) / 2],
    [0, -sy, 0, (sy * (ny - 1)) / 2],
    [0, 0, sz, (-sz * (nz - 1)) / 2],
    [0, 0, 0, 1],
  ];
  const an = anatomy(seed);
  const rng = createRandom(seed, 0);
  const n = nx * ny * nz;
  const ct = new Int16Array(n);
  const labels = new Uint8Array(n);
  let p = 0;
  for (let k = 0; k < nz; k++) {
    const z = affine[2][2] * k + affine[2][3];
    for (let j = 0; j < ny; j++) {
      const y = affine[1][1] * j + affine[1][3];
      for (let i = 0; i < nx; i++, p++) {
        const x = affine[0][0] * i + affine[0][3];
        const t = tissueAt(an, x, y, z);
        labels[p] = TISSUE_LABEL[t];
        let hu = TISSUE_HU[t];
        if (noiseHu > 0) hu += noiseHu * rng.normal();
        hu = Math.round(hu);
        ct[p] = hu < -1024 ? -1024 : hu > 3071 ? 3071 : hu;
      }
    }
  }
  return {
    ct: new Volume<"int16">(ct, [nx, ny, nz], { spacing: [sx, sy, sz], affine, dtype: "int16" }),
    labels: new Volume<"uint8">(labels, [nx, ny, nz], { spacing: [sx, sy, sz], affine: affine.map((r) => r.slice()), dtype: "uint8" }),
  };
}
