// Analyse: DetectFaces on a photo (boxes, landmarks and a card per face) and CompareFaces on two, with
// what the threshold means as a false-match rate from the model's calibration.
import { rekognition } from '../api.js';
import { falseMatchRate, isExtrapolated, loadCalibration, oneIn } from '../calibration.js';
import { details, el, fill, field, guard, liveRegion, percent, readImage, section, svg, yesNo } from '../ui.js';

let photoUrl = null;

export async function render(view) {
  view.append(
    el('h1', { tabindex: '-1' }, 'Analyse'),
    el('p', { class: 'lead' }, 'Find the faces in a photo and describe them, or compare the faces of two photos. ',
      'Photos go to this Likeness server only; detection does not store them.'),
    detectSection(),
    compareSection());
}

function detectSection() {
  const input = el('input', { type: 'file', id: 'detect-file', accept: 'image/jpeg,image/png' });
  const zone = el('div', { class: 'drop-zone', id: 'detect-drop' },
    field('Photo to analyse (JPEG or PNG, at most 5 MB)', input),
    el('p', { class: 'hint' }, 'Or drop a photo onto this box.'));
  const result = liveRegion('detect-result');
  const run = (file) => guard(null, () => detect(file, result), result);
  input.addEventListener('change', () => input.files[0] && run(input.files[0]));
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    const file = event.dataTransfer.files[0];
    if (file) run(file);
  });
  return section('detect', 'Detect faces', zone, result);
}

async function detect(file, result) {
  fill(result, el('p', { class: 'status' }, `Looking for faces in ${file.name}…`));
  let data;
  try {
    const bytes = await readImage(file);
    ({ data } = await rekognition('DetectFaces', { Image: { Bytes: bytes }, Attributes: ['ALL'] }));
  } catch (error) {
    fill(result, el('p', { class: 'status' }, `Nothing was detected in ${file.name}; the message above says why.`));
    throw error;
  }
  if (photoUrl) URL.revokeObjectURL(photoUrl);
  photoUrl = URL.createObjectURL(file);
  const faces = data.FaceDetails || [];
  const summary = faces.length === 1 ? '1 face found' : `${faces.length} faces found`;
  const image = el('img', { src: photoUrl, alt: `The photo ${file.name}, ${summary}, each boxed and numbered.`, id: 'detect-photo' });
  await image.decode().catch(() => {});
  fill(result, 
    el('p', { class: 'status', id: 'detect-summary' }, `${summary} in ${file.name}.`),
    el('div', { class: 'analysis' },
      el('figure', { class: 'photo' }, el('div', { class: 'photo-frame' }, image, overlay(faces, image.naturalWidth || 1, image.naturalHeight || 1)),
        el('figcaption', {}, summary)),
      el('div', { class: 'face-cards' }, faces.map(faceCard))));
}

/** The boxes and landmarks, in the photo's own pixels so they scale with it. */
function overlay(faces, width, height) {
  const unit = Math.max(width, height) / 400;
  return svg('svg', { class: 'overlay', viewBox: `0 0 ${width} ${height}`, 'aria-hidden': 'true', id: 'detect-overlay' },
    faces.map((face, i) => {
      const box = face.BoundingBox;
      const [x, y] = [box.Left * width, box.Top * height];
      return svg('g', { class: 'face', 'data-face': i + 1 },
        svg('rect', { class: 'face-box', x, y, width: box.Width * width, height: box.Height * height }),
        (face.Landmarks || []).map((mark) => svg('circle', { class: 'landmark', cx: mark.X * width, cy: mark.Y * height, r: Math.max(1.5, unit * 1.2) })),
        svg('text', { class: 'face-number', x: x + unit, y: Math.max(y - unit * 2, unit * 9), 'font-size': unit * 9 }, String(i + 1)));
    }));
}

function attribute(value) {
  return value ? `${yesNo(value.Value)} (${percent(value.Confidence)})` : null;
}

function faceCard(face, i) {
  // The three likeliest, leaving out those under 1% (noise next to the first).
  const emotions = (face.Emotions || []).slice().sort((a, b) => b.Confidence - a.Confidence).filter((e, i) => i === 0 || e.Confidence >= 1).slice(0, 3)
    .map((e) => `${e.Type.toLowerCase()} ${percent(e.Confidence)}`).join(', ');
  const pose = face.Pose ? `roll ${face.Pose.Roll.toFixed(0)}°, yaw ${face.Pose.Yaw.toFixed(0)}°, pitch ${face.Pose.Pitch.toFixed(0)}°` : null;
  const quality = face.Quality ? `brightness ${face.Quality.Brightness.toFixed(0)}, sharpness ${face.Quality.Sharpness.toFixed(0)}` : null;
  const gaze = face.EyeDirection ? `yaw ${face.EyeDirection.Yaw.toFixed(0)}°, pitch ${face.EyeDirection.Pitch.toFixed(0)}°` : null;
  return el('article', { class: 'face-card', 'aria-labelledby': `face-${i + 1}-title` },
    el('h3', { id: `face-${i + 1}-title` }, `Face ${i + 1}`),
    details([
      ['Face confidence', face.Confidence !== undefined ? percent(face.Confidence) : null],
      ['Age range', face.AgeRange ? `${face.AgeRange.Low}–${face.AgeRange.High} years` : null],
      ['Gender', face.Gender ? `${face.Gender.Value} (${percent(face.Gender.Confidence)})` : null],
      ['Emotions', emotions || null],
      ['Smile', attribute(face.Smile)],
      ['Eyes open', attribute(face.EyesOpen)],
      ['Mouth open', attribute(face.MouthOpen)],
      ['Eyeglasses', attribute(face.Eyeglasses)],
      ['Sunglasses', attribute(face.Sunglasses)],
      ['Beard', attribute(face.Beard)],
      ['Mustache', attribute(face.Mustache)],
      ['Face occluded', attribute(face.FaceOccluded)],
      ['Pose', pose],
      ['Eye direction', gaze],
      ['Quality', quality],
    ]));
}

function compareSection() {
  const source = el('input', { type: 'file', id: 'compare-source', accept: 'image/jpeg,image/png' });
  const target = el('input', { type: 'file', id: 'compare-target', accept: 'image/jpeg,image/png' });
  const threshold = el('input', { type: 'number', id: 'compare-threshold', min: '0', max: '100', step: '0.5', value: '80', inputmode: 'decimal' });
  const meaning = el('p', { class: 'hint', id: 'compare-threshold-meaning', 'aria-live': 'polite' });
  threshold.setAttribute('aria-describedby', meaning.id);
  const button = el('button', { type: 'submit', class: 'primary', id: 'compare-button' }, 'Compare faces');
  const result = liveRegion('compare-result');
  const explain = async () => {
    try {
      const calibration = await loadCalibration();
      meaning.textContent = thresholdMeaning(calibration, Number(threshold.value));
    } catch {
      meaning.textContent = '';
    }
  };
  threshold.addEventListener('input', explain);
  explain();
  const form = el('form', { id: 'compare-form' },
    el('div', { class: 'grid' },
      field('Source photo (the face to look for: the largest face in it)', source),
      field('Target photo (the faces to compare it with)', target)),
    el('div', { class: 'field' }, el('label', { for: threshold.id }, 'Similarity threshold (0–100)'), threshold, meaning),
    el('div', { class: 'actions' }, button));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    guard(button, () => compare(source.files[0], target.files[0], Number(threshold.value), result), result);
  });
  return section('compare', 'Compare two photos', form, result);
}

function thresholdMeaning(calibration, t) {
  const rate = falseMatchRate(calibration.Points, t);
  const tail = isExtrapolated(calibration.Points, t) ? ' (beyond the measured range: extrapolated from the tail model)' : '';
  return `At ${t}, a face of someone else reaches the threshold with a false-match rate ≈ ${oneIn(rate)}${tail}.`;
}

async function compare(sourceFile, targetFile, threshold, result) {
  if (!sourceFile || !targetFile) throw new Error('Choose a source and a target photo.');
  fill(result, el('p', { class: 'status' }, 'Comparing…'));
  let data;
  let calibration;
  try {
    const [source, target] = await Promise.all([readImage(sourceFile), readImage(targetFile)]);
    [{ data }, calibration] = await Promise.all([
      rekognition('CompareFaces', { SourceImage: { Bytes: source }, TargetImage: { Bytes: target }, SimilarityThreshold: threshold }),
      loadCalibration().catch(() => null),
    ]);
  } catch (error) {
    fill(result, el('p', { class: 'status' }, 'The comparison did not run; the message above says why.'));
    throw error;
  }
  const matches = (data.FaceMatches || []).slice().sort((a, b) => b.Similarity - a.Similarity);
  const unmatched = (data.UnmatchedFaces || []).length;
  const verdict = matches.length
    ? `Match: the best face in the target has Similarity ${percent(matches[0].Similarity)}, at or above ${threshold}.`
    : `No face in the target reached ${threshold}.`;
  fill(result, 
    el('p', { class: matches.length ? 'verdict match' : 'verdict', id: 'compare-verdict' }, verdict),
    matches.length ? el('ul', { class: 'plain', id: 'compare-matches' }, matches.map((m, i) =>
      el('li', {}, `Target face ${i + 1}: Similarity `, el('strong', { class: 'similarity' }, percent(m.Similarity)),
        ` (face confidence ${percent(m.Face.Confidence)})`))) : null,
    el('p', {}, `${matches.length} matching and ${unmatched} other face${unmatched === 1 ? '' : 's'} in the target.`),
    calibration ? el('p', { class: 'hint', id: 'compare-meaning' }, thresholdMeaning(calibration, threshold),
      ` A match is evidence to weigh, not an identification (model ${calibration.ModelId}).`) : null);
}
