// Audit trail: whether the hash chain is intact (VerifyAuditTrail), and the records, newest first, searched
// by case, operation, account and decision, a page at a time (SearchAuditTrail with NextToken).
import { likeness } from '../api.js';
import { dataTable, el, fill, field, guard, hasRole, section, select, shortId, when } from '../ui.js';

const OPERATIONS = ['SearchFacesByImage', 'SearchFaces', 'SearchUsersByImage', 'SearchUsers', 'CompareFaces', 'IndexFaces', 'DetectFaces',
  'ReviewDecision', 'PutPolicy', 'GrantKeyRole', 'RemoveKeyRole'];
const DECISIONS = ['allowed', 'allowed-pending-review', 'denied', 'review-confirmed', 'review-rejected', 'recorded'];

export async function render(view, { whoami }) {
  const chain = el('div', { id: 'chain-status', 'aria-live': 'polite' });
  const verify = el('button', { type: 'button', class: 'secondary', id: 'verify-chain' }, 'Verify again');
  verify.addEventListener('click', () => guard(verify, () => verifyChain(chain), chain));

  const caseId = el('input', { id: 'trail-case-id', maxlength: '128', spellcheck: 'false', autocapitalize: 'off' });
  const operation = el('input', { id: 'trail-operation', list: 'trail-operations', spellcheck: 'false', autocapitalize: 'off' });
  const account = el('input', { id: 'trail-account', spellcheck: 'false', autocapitalize: 'off', inputmode: 'numeric' });
  const decision = select({ id: 'trail-decision' }, [['', 'Any'], ...DECISIONS]);
  const size = select({ id: 'trail-page-size' }, ['25', '50', '100']);
  size.value = '50';
  const search = el('button', { type: 'submit', class: 'primary', id: 'trail-search-button' }, 'Search');
  const results = el('div', { id: 'trail-results', 'aria-live': 'polite' });
  const form = el('form', { id: 'trail-search', class: 'filters' },
    el('datalist', { id: 'trail-operations' }, OPERATIONS.map((name) => el('option', { value: name }))),
    field('Case id', caseId), field('Operation', operation), field('Account id', account), field('Decision', decision), field('Records per page', size),
    el('div', { class: 'actions' }, search));

  // tokens[i] is the NextToken that fetches page i (page 0 needs none).
  const state = { tokens: [null], page: 0, results, query: {} };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    state.query = {
      CaseId: caseId.value.trim(), Operation: operation.value.trim(), AccountId: account.value.trim(), Decision: decision.value,
      MaxResults: Number(size.value),
    };
    for (const key of Object.keys(state.query)) if (state.query[key] === '') delete state.query[key];
    state.tokens = [null];
    state.page = 0;
    guard(search, () => showPage(state), results);
  });

  view.append(
    el('h1', { tabindex: '-1' }, 'Audit trail'),
    el('p', { class: 'lead' }, 'Every identification, comparison, refusal and review decision is a record chained to the one before it by SHA-256, ',
      'so a removed or altered record breaks the chain.'),
    section('chain', 'Chain verification', chain, el('div', { class: 'actions' }, verify)),
    section('trail', 'Records, newest first',
      el('p', { class: 'hint', id: 'trail-scope' }, hasRole(whoami, 'governance')
        ? 'You have the governance role: you see every account\'s records.'
        : `You see your own account's records only (${whoami.AccountId}); the governance role sees every account's.`),
      form, results));
  state.query = { MaxResults: 50 };
  await Promise.all([guard(null, () => verifyChain(chain), chain), guard(null, () => showPage(state), results)]);
}

async function verifyChain(region) {
  fill(region, el('p', { class: 'status' }, 'Verifying the chain…'));
  const { data } = await likeness('VerifyAuditTrail', {});
  const records = Number(data.Records || 0).toLocaleString();
  fill(region, data.Intact
    ? el('div', { class: 'chain intact', id: 'chain-verdict' },
      el('p', { class: 'chain-title' }, el('span', { 'aria-hidden': 'true' }, '✔ '), 'Chain intact'),
      el('p', {}, `${records} record${data.Records === 1 ? '' : 's'} verified`, data.LastHash ? [`; last hash `, el('code', {}, data.LastHash)] : '', '.'))
    : el('div', { class: 'chain broken', id: 'chain-verdict' },
      el('p', { class: 'chain-title' }, el('span', { 'aria-hidden': 'true' }, '✖ '), 'Chain broken'),
      el('p', {}, data.Problem || 'The server found a problem but did not say which.'),
      el('p', {}, `${records} records read. Keep the file as evidence and tell whoever operates this server.`)));
}

async function showPage(state) {
  const input = { ...state.query };
  const token = state.tokens[state.page];
  if (token) input.NextToken = token;
  const { data } = await likeness('SearchAuditTrail', input);
  state.tokens[state.page + 1] = data.NextToken || null;
  const records = data.Records || [];
  const newer = el('button', { type: 'button', class: 'secondary', id: 'trail-newer', disabled: state.page === 0 }, 'Newer records');
  const older = el('button', { type: 'button', class: 'secondary', id: 'trail-older', disabled: !data.NextToken }, 'Older records');
  newer.addEventListener('click', () => { state.page--; guard(newer, () => showPage(state), state.results); });
  older.addEventListener('click', () => { state.page++; guard(older, () => showPage(state), state.results); });
  fill(state.results, 
    records.length ? dataTable('trail-table', `Audit records, page ${state.page + 1}`, [
      ['#', (r) => String(r.Sequence)],
      ['Time', (r) => el('span', { class: 'nowrap' }, when(r.Time))],
      ['Account', (r) => r.AccountId],
      ['Operation', (r) => el('span', { class: 'operation' }, r.Operation)],
      ['Decision', (r) => el('span', { class: `badge decision ${r.Decision}` }, r.Decision)],
      ['Rule', (r) => r.Rule || ''],
      ['Case', (r) => r.CaseId || ''],
      ['Use case', (r) => r.UseCase || ''],
      ['Collection', (r) => r.CollectionId || ''],
      ['Threshold', (r) => (r.Threshold ?? '') + ''],
      ['Gallery', (r) => (r.GallerySize ?? '') + ''],
      ['Results', (r) => (r.ResultCount ?? '') + ''],
      ['Detail', (r) => r.Detail || ''],
      ['Key', (r) => r.AccessKeyId || ''],
      ['Model', (r) => r.ModelVersion || ''],
      ['Hash', (r) => shortId(r.Hash, 10)],
    ], records) : el('p', { class: 'empty', id: 'trail-empty' }, 'No records match.'),
    el('div', { class: 'pager actions' }, newer, el('span', {}, `Page ${state.page + 1}`), older));
}
