// Reviews: the candidate matches the use policy queued for human review; a reviewer confirms or rejects
// each (DecideReview), and the decision is chained into the audit trail.
import { likeness } from '../api.js';
import { details, el, fill, field, guard, hasRole, percent, section, select, when } from '../ui.js';

export async function render(view, { whoami }) {
  const status = select({ id: 'review-status' }, [['pending', 'Pending'], ['confirmed', 'Confirmed'], ['rejected', 'Rejected'], ['', 'All']]);
  const caseId = el('input', { id: 'review-case-id', maxlength: '128', spellcheck: 'false', autocapitalize: 'off' });
  const show = el('button', { type: 'submit', class: 'secondary', id: 'review-show' }, 'Show');
  const list = el('div', { id: 'review-list', 'aria-live': 'polite' });
  const form = el('form', { id: 'review-filter', class: 'inline-form' }, field('Status', status), field('Case id (optional)', caseId), el('div', { class: 'actions' }, show));
  const state = { list, status, caseId, whoami };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    guard(show, () => refresh(state), list);
  });
  view.append(
    el('h1', { tabindex: '-1' }, 'Reviews'),
    el('p', { class: 'lead' }, 'Candidate matches the use policy queued for human review. A candidate is not an identification until a trained reviewer confirms it; ',
      'each decision is final and written to the audit trail.'),
    whoami.ReviewerId ? el('p', {}, 'You decide as reviewer ', el('strong', { id: 'reviewer-id' }, whoami.ReviewerId), '.') : null,
    section('review-queue', 'Candidate matches', form, list));
  await guard(null, () => refresh(state), list);
}

async function refresh(state) {
  const input = {};
  if (state.status.value) input.Status = state.status.value;
  if (state.caseId.value.trim()) input.CaseId = state.caseId.value.trim();
  let data;
  try {
    ({ data } = await likeness('ListReviews', input));
  } catch (error) {
    if (error.type !== 'AccessDeniedException') throw error;
    fill(state.list, roleNeeded(state.whoami, error));
    return;
  }
  const reviews = data.Reviews || [];
  fill(state.list, reviews.length
    ? el('ul', { class: 'cards' }, reviews.map((review) => el('li', {}, reviewCard(state, review))))
    : el('p', { class: 'empty', id: 'review-empty' }, state.status.value === 'pending' ? 'No candidate matches are waiting for review.' : 'No reviews match.'));
}

/** Why this page needs the reviewer role, and the command that grants it (the server's own message first). */
function roleNeeded(whoami, error) {
  return el('div', { class: 'notice', id: 'review-role-needed' },
    el('h3', {}, 'This page needs the reviewer role'),
    el('p', {}, `${error.type}: ${error.message}`),
    el('p', {}, hasRole(whoami, 'reviewer') ? 'Your key has the role, but the server refused it; ask the operator to check it.'
      : 'An operator grants it on the server to a key of a registered, trained reviewer:'),
    el('pre', {}, el('code', {}, `likeness review reviewer add REVIEWER_ID --name NAME --role ROLE --trained-on YYYY-MM-DD\n`
      + `likeness keys role add ${whoami.AccessKeyId || 'ACCESS_KEY_ID'} reviewer --reviewer-id REVIEWER_ID`)));
}

function reviewCard(state, review) {
  const id = review.ReviewId;
  const card = el('article', { class: `review-card ${review.Status}`, 'data-review-id': id, 'aria-labelledby': `review-${id}-title` },
    el('h3', { id: `review-${id}-title` }, `Candidate ${review.FaceId ? review.FaceId.slice(0, 8) : ''} — Similarity ${percent(review.Similarity)}`),
    details([
      ['Status', el('span', { class: `badge ${review.Status}` }, review.Status)],
      ['Review id', id],
      ['Account', review.AccountId],
      ['Case', review.CaseId],
      ['Use case', review.UseCase],
      ['Operation', review.Operation],
      ['Collection', review.CollectionId],
      ['Face id', review.FaceId],
      ['Queued', when(review.CreatedAt)],
      ['Decided', review.DecidedAt ? when(review.DecidedAt) : null],
      ['Reviewer', review.ReviewerId],
      ['Note', review.Note],
    ]));
  if (review.Status !== 'pending') return card;
  const note = el('input', { id: `review-note-${id}`, class: 'review-note', maxlength: '1000' });
  const confirm = el('button', { type: 'button', class: 'primary review-confirm' }, 'Confirm match');
  const reject = el('button', { type: 'button', class: 'danger review-reject' }, 'Reject match');
  const decide = (button, decision) => guard(button, async () => {
    const input = { ReviewId: id, Decision: decision };
    if (note.value.trim()) input.Note = note.value.trim();
    const { data } = await likeness('DecideReview', input);
    await refresh(state);
    const verdict = el('p', { class: 'status', id: 'review-decided', role: 'status' },
      `Review ${id} ${data.Review && data.Review.Status ? data.Review.Status : decision.toLowerCase()}; the decision is in the audit trail.`);
    state.list.prepend(verdict);
  }, card);
  confirm.addEventListener('click', () => decide(confirm, 'CONFIRM'));
  reject.addEventListener('click', () => decide(reject, 'REJECT'));
  card.append(field(`Note on this decision (optional)`, note), el('div', { class: 'actions' }, confirm, reject));
  return card;
}

