// Reference-output fixtures shared by every converter check. The C# side that reads them is
// tests/Likeness.Models.Tests/Conversion/ReferenceFixture.cs: keep the two in step.
import { writeFileSync } from 'node:fs';

// xorshift32 -> uniform float32 in [low, high). Integer steps plus one float64 expression rounded
// to float32 once, so C# and JS produce bit-identical inputs.
export function referenceInput(shape, seed, low, high) {
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  let x = seed >>> 0;
  if (x === 0) throw new Error('seed must be non-zero');
  for (let i = 0; i < n; i++) {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    out[i] = Math.fround(low + (high - low) * ((x >>> 8) / 16777216));
  }
  return out;
}

// One output, kept small: every stride-th value (at most maxSamples) plus whole-tensor statistics.
export function summarizeOutput(name, shape, data, maxSamples = 4096) {
  const n = data.length;
  const stride = Math.max(1, Math.ceil(n / maxSamples));
  const samples = [];
  let sum = 0, sumAbs = 0, scale = 0;
  for (let i = 0; i < n; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) throw new Error(`${name}[${i}] is not finite`);
    sum += v; sumAbs += Math.abs(v); scale = Math.max(scale, Math.abs(v));
    if (i % stride === 0) samples.push(v);
  }
  return { name, shape, count: n, scale, sum, sumAbs, stride, samples };
}

// inputs: [{ name, shape, seed, low, high }]; outputs: summarizeOutput(...) results in the model's output order.
export function writeFixture(path, { model, source, generator, inputs, outputs, notes }) {
  const fixture = { model, source, generator, inputs, outputs, notes };
  writeFileSync(path, JSON.stringify(fixture) + '\n');
}
