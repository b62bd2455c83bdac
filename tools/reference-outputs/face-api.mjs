// Dev-time only: runs face-api's own nets (its TypeScript architectures, tfjs cpu backend) on a fixed
// pseudo-random input and writes the reference outputs that the C# face-api converter tests compare the
// converted ONNX models against (tests/Likeness.Models.Tests/Conversion/FaceApiConversionTests.cs).
//
// Usage: node face-api.mjs [model ...]   (default: every model below)
// Weights are read from the asset cache, exactly the files the C# converter reads:
// $LIKENESS_CACHE_DIR, else $XDG_CACHE_HOME/likeness, else ~/.cache/likeness.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { referenceInput, summarizeOutput, writeFixture } from './lib/fixture.mjs';

const require = createRequire(import.meta.url);
// The CommonJS node-wasm build takes @tensorflow/tfjs from our node_modules (the pinned 4.22.0); it also
// registers the wasm backend, which is never selected here.
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
const { tf } = faceapi;

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '../../tests/Likeness.Models.Tests/Conversion/Fixtures');
const cacheRoot = process.env.LIKENESS_CACHE_DIR
  || (process.env.XDG_CACHE_HOME ? join(process.env.XDG_CACHE_HOME, 'likeness') : join(homedir(), '.cache', 'likeness'));
const source = '@vladmandic/face-api@1.7.15';
const modelDir = join(cacheRoot, 'npm', 'vladmandic-face-api@1.7.15', 'model');

// Same seed for every net, as in graph-models.mjs. Inputs are raw RGB pixels 0..255 at the size each
// net's forwardInput resizes to (toBatchTensor(size)): a tensor already that size and square is passed
// through unchanged, so face-api sees exactly these values.
const seed = 20240607;
// Odd strides over interleaved outputs (ssd boxes are 4 per anchor) so every coordinate gets sampled.
const maxSamples = 1600;

// run(net, netInput) returns [name, tensor] pairs: the tensors forwardInput produces before any
// JS-side post-processing, named as the converted ONNX model names its outputs.
const models = {
  'faceapi-ssd-mobilenetv1': {
    net: faceapi.nets.ssdMobilenetv1,
    file: 'ssd_mobilenetv1_model',
    size: 512,
    run: (net, input) => {
      const { boxes, scores } = net.forwardInput(input); // per-batch lists, before NMS
      return [['boxes', tf.stack(boxes)], ['scores', tf.stack(scores)]];
    },
  },
  'faceapi-landmark68': {
    net: faceapi.nets.faceLandmark68Net,
    file: 'face_landmark_68_model',
    size: 112,
    // runNet: forwardInput's postProcess only rescales for non-square originals (identity here).
    run: (net, input) => [['landmarks', net.runNet(input)]],
  },
  'faceapi-recognition': {
    net: faceapi.nets.faceRecognitionNet,
    file: 'face_recognition_model',
    size: 150,
    run: (net, input) => [['descriptor', net.forwardInput(input)]],
  },
  'faceapi-age-gender': {
    net: faceapi.nets.ageGenderNet,
    file: 'age_gender_model',
    size: 112,
    run: (net, input) => {
      const { age, gender } = net.forwardInput(input); // gender after softmax, as face-api does
      return [['age', age], ['gender', gender]];
    },
  },
  'faceapi-expression': {
    net: faceapi.nets.faceExpressionNet,
    file: 'face_expression_model',
    size: 112,
    run: (net, input) => [['expressions', net.forwardInput(input)]], // after softmax, as face-api does
  },
};

async function run(name) {
  const { net, file, size, run: forward } = models[name];
  await net.loadFromDisk(modelDir);
  const shape = [1, size, size, 3];
  const x = tf.tensor(referenceInput(shape, seed, 0, 255), shape, 'float32');
  const input = await faceapi.toNetInput(x);
  const outputs = forward(net, input).map(([outputName, t]) => summarizeOutput(outputName, t.shape, t.dataSync(), maxSamples));
  writeFixture(join(fixtures, `${name}.json`), {
    model: name,
    source: `${source}/model/${file}-weights_manifest.json`,
    generator: `tools/reference-outputs/face-api.mjs, @vladmandic/face-api ${faceapi.version}, @tensorflow/tfjs ${tf.version.tfjs}, backend ${tf.getBackend()}`,
    inputs: [{ name: 'input', shape, seed, low: 0, high: 255 }],
    outputs,
    notes: `NHWC RGB pixels 0..255 at ${size}x${size}; face-api's own forward (src/ of the same package).`,
  });
  console.log(`${name}: ${outputs.map((o) => `${o.name} [${o.shape}] scale ${o.scale.toPrecision(4)}`).join(', ')}`);
}

await tf.setBackend('cpu');
await tf.ready();
const names = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(models);
for (const name of names) {
  if (!models[name]) throw new Error(`unknown model ${name} (expected: ${Object.keys(models).join(', ')})`);
  await run(name);
}
