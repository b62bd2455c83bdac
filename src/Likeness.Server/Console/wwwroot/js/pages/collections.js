// Collections: list, create and delete them; index faces into one, list its faces and search it by image,
// with what the threshold means for a gallery of its size and the policy headers (use case, case id).
import { rekognition } from '../api.js';
import { falseMatchRate, loadCalibration, oneIn, readable } from '../calibration.js';
import {
  USE_CASES, dataTable, details, el, fill, field, guard, liveRegion, percent, readImage, section, select, shortId, when,
} from '../ui.js';

export async function render(view, { whoami }) {
  const state = { selected: null, faceCount: 0, calibration: null, whoami };
  const list = el('ul', { id: 'collection-list', class: 'collection-list' });
  const detail = el('div', { id: 'collection-detail' });
  state.list = list;
  state.detail = detail;

  const newId = el('input', { id: 'new-collection-id', required: true, maxlength: '255', pattern: '[a-zA-Z0-9_.\\-]+', spellcheck: 'false', autocapitalize: 'off' });
  const create = el('button', { type: 'submit', class: 'primary', id: 'create-collection' }, 'Create collection');
  const createForm = el('form', { id: 'create-collection-form', class: 'inline-form' },
    field('New collection id', newId, 'Letters, digits, _ . and - only.'), el('div', { class: 'actions' }, create));
  createForm.addEventListener('submit', (event) => {
    event.preventDefault();
    guard(create, async () => {
      const id = newId.value.trim();
      await rekognition('CreateCollection', { CollectionId: id });
      newId.value = '';
      await refreshList(state);
      await open(state, id);
    });
  });

  view.append(
    el('h1', { tabindex: '-1' }, 'Collections'),
    el('p', { class: 'lead' }, 'A collection is a gallery of indexed faces to search. Searching one is identification: the use policy decides who may, ',
      'at what threshold, and whether matches need human review.'),
    el('div', { class: 'two-columns' },
      section('collections', 'Your collections', createForm, list),
      detail));
  loadCalibration().then((c) => { state.calibration = c; updateMeaning(state); }).catch(() => {});
  await guard(null, () => refreshList(state), list);
}

async function refreshList(state) {
  const ids = [];
  let token;
  do {
    const { data } = await rekognition('ListCollections', token ? { NextToken: token } : {});
    ids.push(...(data.CollectionIds || []));
    token = data.NextToken;
  } while (token && ids.length < 4096);
  fill(state.list, ...(ids.length ? ids.map((id) => collectionItem(state, id)) : [el('li', { class: 'empty' }, 'No collections yet.')]));
}

function collectionItem(state, id) {
  const openButton = el('button', { type: 'button', class: 'collection-open link', 'data-collection': id, 'aria-pressed': String(state.selected === id) }, id);
  const remove = el('button', { type: 'button', class: 'collection-delete danger small', 'aria-label': `Delete collection ${id}` }, 'Delete');
  const item = el('li', { 'data-collection': id }, openButton, remove);
  openButton.addEventListener('click', () => guard(openButton, () => open(state, id)));
  remove.addEventListener('click', () => {
    // Confirm in place, keeping the focus on the safe choice.
    const keep = el('button', { type: 'button', class: 'secondary small collection-keep' }, 'Keep it');
    const confirm = el('button', { type: 'button', class: 'danger small collection-confirm-delete' }, 'Delete for good');
    const question = el('div', { class: 'confirm', role: 'group', 'aria-label': `Confirm deleting ${id}` },
      el('p', {}, `Delete ${id} and every face indexed in it? This cannot be undone.`), confirm, keep);
    fill(item, question);
    keep.focus();
    keep.addEventListener('click', () => {
      item.replaceWith(collectionItem(state, id));
      state.list.querySelector(`li[data-collection="${CSS.escape(id)}"] .collection-delete`)?.focus();
    });
    confirm.addEventListener('click', () => guard(confirm, async () => {
      await rekognition('DeleteCollection', { CollectionId: id });
      if (state.selected === id) {
        state.selected = null;
        fill(state.detail);
      }
      await refreshList(state);
    }));
  });
  return item;
}

/** Shows one collection: its description, the index and search forms and its faces. */
async function open(state, id) {
  const { data } = await rekognition('DescribeCollection', { CollectionId: id });
  state.selected = id;
  state.faceCount = data.FaceCount || 0;
  for (const button of state.list.querySelectorAll('.collection-open')) button.setAttribute('aria-pressed', String(button.dataset.collection === id));
  const facts = el('div', { id: 'collection-facts' });
  state.facts = facts;
  showFacts(state, data);
  const faces = el('div', { id: 'collection-faces' });
  state.faces = faces;
  fill(state.detail, section('collection', `Collection ${id}`, facts, indexForm(state), searchForm(state), faces));
  updateMeaning(state);
  await listFaces(state, null);
  state.detail.querySelector('h2').setAttribute('tabindex', '-1');
  state.detail.querySelector('h2').focus();
}

function showFacts(state, data) {
  fill(state.facts, details([
    ['Faces', el('span', { id: 'collection-face-count' }, String(data.FaceCount ?? 0))],
    ['Face model', data.FaceModelVersion],
    ['Created', when(data.CreationTimestamp)],
    ['ARN', data.CollectionARN],
  ]));
}

async function refreshFacts(state) {
  const { data } = await rekognition('DescribeCollection', { CollectionId: state.selected });
  state.faceCount = data.FaceCount || 0;
  showFacts(state, data);
  updateMeaning(state);
}

function indexForm(state) {
  const file = el('input', { type: 'file', id: 'index-file', accept: 'image/jpeg,image/png', required: true });
  const external = el('input', { id: 'index-external-id', maxlength: '255', pattern: '[a-zA-Z0-9_.\\-:]+', spellcheck: 'false', autocapitalize: 'off' });
  const button = el('button', { type: 'submit', class: 'primary', id: 'index-button' }, 'Index faces');
  const result = liveRegion('index-result');
  const form = el('form', { id: 'index-form', class: 'subpanel', 'aria-labelledby': 'index-title' },
    el('h3', { id: 'index-title' }, 'Index faces from a photo'),
    el('div', { class: 'grid' },
      field('Photo to index', file),
      field('External image id (optional)', external, 'Your own reference for the photo, returned with every match: letters, digits, _ . - :')),
    el('div', { class: 'actions' }, button), result);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    guard(button, async () => {
      const bytes = await readImage(file.files[0]);
      const input = { CollectionId: state.selected, Image: { Bytes: bytes } };
      if (external.value.trim()) input.ExternalImageId = external.value.trim();
      const { data } = await rekognition('IndexFaces', input);
      const indexed = (data.FaceRecords || []).length;
      const skipped = (data.UnindexedFaces || []).length;
      fill(result, el('p', { class: 'status', id: 'index-summary' },
        `Indexed ${indexed} face${indexed === 1 ? '' : 's'}${skipped ? `; ${skipped} not indexed (${data.UnindexedFaces.map((f) => (f.Reasons || []).join(' ')).join('; ')})` : ''}.`));
      await refreshFacts(state);
      await listFaces(state, null);
    }, result);
  });
  return form;
}

function searchForm(state) {
  const file = el('input', { type: 'file', id: 'search-file', accept: 'image/jpeg,image/png', required: true });
  const threshold = el('input', { type: 'range', id: 'search-threshold', min: '40', max: '100', step: '0.5', value: '80' });
  const shown = el('output', { id: 'search-threshold-value', for: 'search-threshold' }, '80');
  const meaning = el('p', { id: 'search-fmr', class: 'meaning', 'aria-live': 'polite' });
  threshold.setAttribute('aria-describedby', 'search-fmr search-formula');
  const maxFaces = el('input', { type: 'number', id: 'search-max-faces', min: '1', max: '4096', value: '10', inputmode: 'numeric' });
  const bound = state.whoami && state.whoami.UseCase;
  const useCase = select({ id: 'search-use-case' }, [['', bound ? `The key's (${bound})` : 'None'], ...USE_CASES]);
  const caseId = el('input', { id: 'search-case-id', maxlength: '128', spellcheck: 'false', autocapitalize: 'off' });
  const button = el('button', { type: 'submit', class: 'primary', id: 'search-button' }, 'Search collection');
  const result = liveRegion('search-result');
  state.threshold = threshold;
  state.meaning = meaning;
  threshold.addEventListener('input', () => {
    shown.textContent = threshold.value;
    updateMeaning(state);
  });
  const form = el('form', { id: 'search-form', class: 'subpanel', 'aria-labelledby': 'search-title' },
    el('h3', { id: 'search-title' }, 'Search by image'),
    field('Photo to search with (its largest face)', file),
    el('div', { class: 'field' },
      el('label', { for: threshold.id }, 'Similarity threshold: ', shown),
      threshold, meaning,
      el('details', { class: 'formula', id: 'search-formula' },
        el('summary', {}, 'How the expected false matches are computed'),
        el('p', {}, 'FMR(t) is the false-match rate at threshold t: the chance that one face of someone else reaches it, measured on impostor pairs ',
          'when the model was calibrated (docs/THRESHOLDS.md). Between two rows a ≤ t < b of the calibration table, log10 FMR is linear in t: ',
          el('code', {}, 'FMR(t) = 10^(log10 FMR(a) + (t − a)/(b − a) × (log10 FMR(b) − log10 FMR(a)))'), '.'),
        el('p', {}, 'One search compares the photo with every face in the collection, so the expected number of faces of other people that ',
          'reach t is ', el('code', {}, 'FMR(t) × N'), ' for a collection of N faces. When it nears 1, expect a false match in every search.'))),
    el('div', { class: 'grid' },
      field('Most matches to return', maxFaces),
      field('Use case (x-likeness-use-case, optional)', useCase, 'The use case this search is for; the use policy decides by it.'),
      field('Case id (x-likeness-case-id, optional)', caseId, 'Required by the policy for identification in public-safety use cases.')),
    el('div', { class: 'actions' }, button), result);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    guard(button, () => search(state, {
      file: file.files[0], threshold: Number(threshold.value), maxFaces: Number(maxFaces.value) || 10,
      useCase: useCase.value, caseId: caseId.value,
    }, result), result);
  });
  return form;
}

/** "Expected false matches in a collection of N faces ≈ FMR(t) × N", live as the slider moves. */
function updateMeaning(state) {
  if (!state.meaning || !state.threshold) return;
  const t = Number(state.threshold.value);
  const n = state.faceCount;
  if (!state.calibration) {
    state.meaning.textContent = `Expected false matches in a collection of ${n} faces: the calibration is loading…`;
    return;
  }
  const rate = falseMatchRate(state.calibration.Points, t);
  fill(state.meaning, 
    `Expected false matches in a collection of ${n.toLocaleString()} face${n === 1 ? '' : 's'} ≈ FMR(${t}) × ${n.toLocaleString()} = `,
    `${rate.toExponential(1)} × ${n.toLocaleString()} ≈ `, el('strong', { id: 'search-expected' }, readable(rate * n)),
    ` per search (FMR ≈ ${oneIn(rate)}).`,
    state.calibration.PolicyFloor ? ` The active policy's highest floor is ${state.calibration.PolicyFloor}.` : '');
}

async function search(state, request, result) {
  fill(result, el('p', { class: 'status' }, 'Searching…'));
  let response;
  try {
    const bytes = await readImage(request.file);
    response = await rekognition('SearchFacesByImage', {
      CollectionId: state.selected, Image: { Bytes: bytes }, FaceMatchThreshold: request.threshold, MaxFaces: request.maxFaces,
    }, { headers: { 'x-likeness-use-case': request.useCase, 'x-likeness-case-id': request.caseId } });
  } catch (error) {
    fill(result, el('p', { class: 'status' }, 'The search did not run; the message above says why.'));
    throw error;
  }
  const { data, headers } = response;
  const matches = data.FaceMatches || [];
  const reviewIds = (headers.get('x-likeness-review-ids') || '').split(',').filter(Boolean);
  const review = headers.get('x-likeness-review-required') === 'true';
  fill(result, 
    el('p', { class: 'status', id: 'search-summary' },
      `${matches.length} match${matches.length === 1 ? '' : 'es'} at or above ${request.threshold}`,
      data.SearchedFaceConfidence !== undefined ? ` for the searched face (detection confidence ${percent(data.SearchedFaceConfidence)}).` : '.'),
    review ? el('div', { class: 'notice', id: 'review-notice', role: 'status' },
      el('p', {}, el('strong', {}, 'Queued for human review. '),
        `The use policy requires a trained reviewer to confirm ${reviewIds.length === 1 ? 'this match' : `these ${reviewIds.length} matches`} before anyone acts on ${reviewIds.length === 1 ? 'it' : 'them'}; `,
        'until then they are candidates, not identifications.'),
      el('p', {}, 'Review ids: ', el('span', { id: 'review-ids' }, reviewIds.join(', ')), '. Reviewers decide them on the ', el('a', { href: '#/reviews' }, 'Reviews'), ' page.')) : null,
    matches.length ? dataTable('search-matches', 'Matching faces, most similar first', [
      ['Similarity', (m) => el('strong', { class: 'similarity' }, percent(m.Similarity))],
      ['External image id', (m) => el('span', { class: 'external-id' }, m.Face.ExternalImageId || '—')],
      ['Face id', (m) => shortId(m.Face.FaceId)],
      ['Image id', (m) => shortId(m.Face.ImageId)],
    ], matches) : null);
}

async function listFaces(state, token) {
  const { data } = await rekognition('ListFaces', { CollectionId: state.selected, MaxResults: 100, ...(token ? { NextToken: token } : {}) });
  const faces = data.Faces || [];
  const more = data.NextToken ? el('button', { type: 'button', class: 'secondary', id: 'faces-more' }, 'Show the next 100 faces') : null;
  more?.addEventListener('click', () => guard(more, () => listFaces(state, data.NextToken)));
  fill(state.faces, 
    el('h3', {}, 'Faces in this collection'),
    faces.length ? dataTable('face-table', token ? 'Indexed faces (continued)' : 'Indexed faces', [
      ['Face id', (f) => f.FaceId],
      ['External image id', (f) => f.ExternalImageId || '—'],
      ['Image id', (f) => shortId(f.ImageId)],
      ['Detection confidence', (f) => (f.Confidence !== undefined ? percent(f.Confidence) : '')],
    ], faces) : el('p', { class: 'empty' }, 'No faces indexed yet.'),
    more);
}

