// Property tests run with a fixed fast-check seed so CI is reproducible; set FC_SEED to explore other
// inputs locally (a failure prints its seed and path for replay). Per-test seeds take precedence.
import fc from "fast-check";

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261204) });
