/**
 * Type tests (vitest typecheck mode; also checked by `npm run typecheck`): the dtype
 * generics narrow, closed option sets stay literal unions, and wrong inputs are refused.
 * Each `@ts-expect-error` line fails the type check if the call starts to be accepted.
 */
import { describe, expectTypeOf, test } from "vitest";
import {
  allocate, createVolume, hasDType, isFlarekitError, readNifti, scaledData, writeNifti,
  type DType, type DTypeOfArray, type NotNiftiError, type TypedArrayFor, type Volume, type WriteNiftiOptions,
} from "../../src/index.ts";
import { dice, surfaceDice, assd, type AssdOptions } from "../../src/metrics/index.ts";
import { labelComponents, keepLargest, type LabelComponentsOptions } from "../../src/components/index.ts";
import { applyWindow, type WindowPresetName } from "../../src/intensity/index.ts";
import { resampleToSpacing, type ResampleOptions } from "../../src/resample/index.ts";
import { renderSlice, type RenderSliceOptions } from "../../src/render/index.ts";

declare const ct: Volume<"int16">;
declare const labels: Volume<"uint8">;
declare const anyVolume: Volume;
declare const int64Labels: Volume<"int64">;

describe("dtype generics", () => {
  test('Volume<"int16">["data"] is Int16Array, Volume<"float32">["data"] is Float32Array', () => {
    expectTypeOf<Volume<"int16">["data"]>().toEqualTypeOf<Int16Array>();
    expectTypeOf<Volume<"float32">["data"]>().toEqualTypeOf<Float32Array>();
    expectTypeOf<Volume<"uint8">["dtype"]>().toEqualTypeOf<"uint8">();
    expectTypeOf<TypedArrayFor<"uint16">>().toEqualTypeOf<Uint16Array>();
    expectTypeOf<DTypeOfArray<Float64Array>>().toEqualTypeOf<"float64">();
  });

  test("createVolume infers the dtype from the typed array", () => {
    expectTypeOf(createVolume(new Int16Array(8), [2, 2, 2])).toEqualTypeOf<Volume<"int16">>();
    expectTypeOf(createVolume(new Uint8Array(8), [2, 2, 2])).toEqualTypeOf<Volume<"uint8">>();
    expectTypeOf(createVolume(new Float32Array(8), [2, 2, 2]).data).toEqualTypeOf<Float32Array>();
  });

  test("allocate and hasDType narrow", () => {
    expectTypeOf(allocate("int32", 4)).toEqualTypeOf<Int32Array>();
    const v = readNifti(new Uint8Array(0));
    expectTypeOf(v).toEqualTypeOf<Volume<DType>>();
    if (hasDType(v, "int16")) expectTypeOf(v.data).toEqualTypeOf<Int16Array>();
  });

  test("scaledData returns Float32Array by default and Float64Array on request", () => {
    expectTypeOf(scaledData(ct)).toEqualTypeOf<Float32Array>();
    expectTypeOf(scaledData(ct, { dtype: "float64" })).toEqualTypeOf<Float64Array>();
  });

  test("isFlarekitError(err, code) narrows to the subclass", () => {
    const err: unknown = new Error("x");
    if (isFlarekitError(err, "NOT_NIFTI")) expectTypeOf(err).toEqualTypeOf<NotNiftiError>();
  });

  test("filters keep the label dtype", () => {
    expectTypeOf(keepLargest(labels)).toEqualTypeOf<Volume<"uint8">>();
  });
});

describe("metrics inputs", () => {
  test("label volumes of any integer dtype are accepted", () => {
    expectTypeOf(dice(labels, labels)).toEqualTypeOf<number>();
    expectTypeOf(dice(ct, labels)).toEqualTypeOf<number>();
    expectTypeOf(surfaceDice(labels, labels, { toleranceMm: 1 })).toEqualTypeOf<number>();
  });

  test("a Volume of unknown dtype (straight from readNifti) is accepted; a bare typed array is not", () => {
    expectTypeOf(dice(anyVolume, int64Labels)).toEqualTypeOf<number>();
    // @ts-expect-error a bare typed array is not a label image (no shape)
    dice(new Uint8Array(8), labels);
    // @ts-expect-error a plain object without data is refused
    surfaceDice({ shape: [2, 2, 2] }, labels);
  });
});

describe("closed option sets stay literal unions", () => {
  test("writeNifti level, version", () => {
    expectTypeOf<NonNullable<WriteNiftiOptions["level"]>>().toEqualTypeOf<0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9>();
    expectTypeOf<NonNullable<WriteNiftiOptions["version"]>>().toEqualTypeOf<1 | 2>();
    // @ts-expect-error level 10 is outside 0..9
    writeNifti(ct, { level: 10 });
    // @ts-expect-error NIfTI-3 does not exist
    writeNifti(ct, { version: 3 });
  });

  test("connectivity, window presets, interpolation, slice axis, ASSD mode", () => {
    expectTypeOf<NonNullable<LabelComponentsOptions["connectivity"]>>().toEqualTypeOf<4 | 6 | 8 | 18 | 26>();
    // @ts-expect-error 10 is no connectivity
    labelComponents(labels, { connectivity: 10 });
    expectTypeOf<"abdomen">().toMatchTypeOf<WindowPresetName>();
    expectTypeOf<string>().not.toMatchTypeOf<WindowPresetName>();
    // @ts-expect-error unknown window preset
    applyWindow(ct, "not-a-preset");
    expectTypeOf<NonNullable<ResampleOptions["interpolation"]>>().toEqualTypeOf<"nearest" | "linear" | "cubic" | "labels-linear">();
    // @ts-expect-error unknown interpolation
    resampleToSpacing(ct, [1, 1, 1], { interpolation: "bicubic" });
    expectTypeOf<NonNullable<RenderSliceOptions["axis"]>>().toEqualTypeOf<"axial" | "coronal" | "sagittal">();
    // @ts-expect-error unknown axis
    renderSlice(ct, { axis: "transverse" });
    expectTypeOf<NonNullable<AssdOptions["mode"]>>().toEqualTypeOf<"mean-of-directions" | "area-weighted">();
    // @ts-expect-error unknown mode
    assd(labels, labels, { mode: "median" });
  });

  test("component ids come back as an unsigned integer volume", () => {
    expectTypeOf(labelComponents(anyVolume).volume.dtype).toEqualTypeOf<"uint8" | "uint16" | "uint32">();
  });
});
