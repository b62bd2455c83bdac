// Policies: the active use policy (GetPolicy), a simulator that asks what it would decide for a request
// (SimulatePolicy), and the upload of a new policy: ValidatePolicy, errors inline, then PutPolicy.
import { likeness } from '../api.js';
import { USE_CASES, dataTable, details, el, fill, field, guard, hasRole, section, select, yesNo } from '../ui.js';

const OPERATIONS = ['SearchFacesByImage', 'SearchFaces', 'SearchUsersByImage', 'SearchUsers', 'CompareFaces', 'IndexFaces', 'CreateUser',
  'AssociateFaces', 'DetectFaces', 'ListFaces', 'DeleteFaces', 'CreateCollection', 'DeleteCollection'];
const SECTORS = ['law-enforcement', 'other-government', 'commercial', 'nonprofit', 'research'];

export async function render(view, { whoami }) {
  const active = el('div', { id: 'policy-active', 'aria-live': 'polite' });
  const state = { whoami, active };
  const upload = uploadSection(state);
  view.append(
    el('h1', { tabindex: '-1' }, 'Policies'),
    el('p', { class: 'lead' }, 'The use policy decides who may compare and identify faces, for which use case, at what threshold, and whether matches need human review. ',
      'Rules are read in order; the first allow or deny decides.'),
    section('policy', 'Active policy', active),
    simulatorSection(whoami),
    upload);
  await guard(null, () => showPolicy(state), active);
}

async function showPolicy(state) {
  const { data } = await likeness('GetPolicy', {});
  fill(state.active, 
    details([['Version', el('span', { id: 'policy-version' }, data.Version)], ['Source', data.Source]]),
    dataTable('policy-rules', 'Rules, in the order they are read', [
      ['Rule', (r) => el('code', {}, r.Id)],
      ['Effect', (r) => r.Effect],
      ['Reason', (r) => r.Reason || ''],
    ], data.Rules || []),
    el('details', { class: 'document' }, el('summary', {}, 'The policy document (JSON)'), el('pre', { id: 'policy-json', tabindex: '0' }, data.Document)));
  if (state.document && !state.document.value) state.document.value = data.Document;
}

function simulatorSection(whoami) {
  const operation = select({ id: 'sim-operation' }, OPERATIONS);
  const useCase = select({ id: 'sim-use-case' }, [['', whoami.UseCase ? `The key's use case (${whoami.UseCase})` : 'None'], ...USE_CASES]);
  const approved = select({ id: 'sim-use-case-approved' }, [['', 'As registered for the account'], ['true', 'Approved'], ['false', 'Not approved']]);
  const caseId = el('input', { id: 'sim-case-id', maxlength: '128', spellcheck: 'false', autocapitalize: 'off' });
  const threshold = el('input', { id: 'sim-threshold', type: 'number', min: '0', max: '100', step: '0.5', inputmode: 'decimal' });
  const date = el('input', { id: 'sim-date', type: 'date' });
  const sector = select({ id: 'sim-sector' }, [['', whoami.Sector ? `The account's (${whoami.Sector})` : "The account's"], ...SECTORS]);
  const jurisdiction = el('input', { id: 'sim-jurisdiction', placeholder: 'US-CA-San Francisco', spellcheck: 'false' });
  const organisation = el('input', { id: 'sim-organisation' });
  const button = el('button', { type: 'submit', class: 'primary', id: 'simulate-button' }, 'Simulate');
  const result = el('div', { id: 'simulate-result', 'aria-live': 'polite' });
  const form = el('form', { id: 'simulate-form' },
    el('div', { class: 'grid' },
      field('Operation', operation),
      field('Use case', useCase),
      field('Use case approval', approved),
      field('Case id', caseId),
      field('Threshold (0–100)', threshold, 'Leave empty for the operation\'s default.'),
      field('Date', date, 'Leave empty for today.'),
      field('Sector', sector),
      field('Jurisdiction', jurisdiction, 'Country-region-city, e.g. US-CA-San Francisco. Empty: the account\'s.'),
      field('Organisation', organisation, 'Empty: the account\'s.')),
    el('div', { class: 'actions' }, button));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const input = { Operation: operation.value };
    const text = { UseCase: useCase.value, CaseId: caseId.value.trim(), Date: date.value, Sector: sector.value, Jurisdiction: jurisdiction.value.trim(), Organisation: organisation.value.trim() };
    for (const [name, value] of Object.entries(text)) if (value) input[name] = value;
    if (threshold.value !== '') input.Threshold = Number(threshold.value);
    if (approved.value) input.UseCaseApproved = approved.value === 'true';
    guard(button, async () => showDecision(result, (await likeness('SimulatePolicy', input)).data), result);
  });
  return section('simulator', 'Simulate a request', el('p', {},
    'What would the policy decide? Fields left empty come from your own account\'s profile. Nothing runs and nothing is recorded.'), form, result);
}

function showDecision(region, d) {
  const runs = d.Allowed && !d.Refusal;
  fill(region, el('div', { class: `decision-box ${runs ? 'allowed' : 'denied'}`, id: 'simulate-decision' },
    el('p', { class: 'decision-title', id: 'simulate-verdict' }, d.Allowed ? (d.Refusal ? 'Allowed by the rules, but refused' : 'Allowed') : 'Denied'),
    details([
      ['Deciding rule', d.DecidingRule ? el('code', { id: 'simulate-rule' }, d.DecidingRule) : 'none (no rule decided)'],
      ['Reason', d.Reason ? el('span', { id: 'simulate-reason' }, d.Reason) : null],
      ['Refusal', d.Refusal ? el('span', { id: 'simulate-refusal' }, d.Refusal) : null],
      ['Minimum threshold', d.MinThreshold ?? null],
      ['Human review required', yesNo(d.HumanReviewRequired)],
      ['Case id required', yesNo(d.CaseIdRequired)],
      ['Bias audit required', yesNo(d.BiasAuditRequired)],
      ['Rules that matched', (d.MatchedRules || []).length ? (d.MatchedRules || []).join(', ') : 'none'],
      ['Policy version', d.PolicyVersion],
    ])));
}

function uploadSection(state) {
  const file = el('input', { type: 'file', id: 'policy-file', accept: 'application/json,.json' });
  const documentInput = el('textarea', { id: 'policy-document', rows: '16', spellcheck: 'false', autocapitalize: 'off', 'aria-describedby': 'policy-errors policy-document-hint' });
  state.document = documentInput;
  const errors = el('div', { id: 'policy-errors', class: 'field-errors', 'aria-live': 'polite' });
  const validate = el('button', { type: 'button', class: 'secondary', id: 'policy-validate' }, 'Validate');
  const publish = el('button', { type: 'submit', class: 'primary', id: 'policy-publish' }, 'Validate and publish');
  const status = el('p', { id: 'policy-upload-status', class: 'result', 'aria-live': 'polite' });
  file.addEventListener('change', async () => {
    if (file.files[0]) documentInput.value = await file.files[0].text();
  });

  const check = async () => {
    status.textContent = '';
    const { data } = await likeness('ValidatePolicy', { Document: documentInput.value });
    const problems = data.Errors || [];
    documentInput.setAttribute('aria-invalid', String(!data.Valid));
    fill(errors, data.Valid ? el('p', { class: 'ok', id: 'policy-valid' }, `Valid: version ${data.Version}.`)
      : el('div', { class: 'invalid' }, el('p', {}, `The policy has ${problems.length} error${problems.length === 1 ? '' : 's'}:`),
        el('ul', { id: 'policy-error-list' }, problems.map((p) => el('li', {}, p.Path ? [el('code', {}, p.Path), ': '] : '', p.Message)))));
    return data.Valid ? data : null;
  };
  validate.addEventListener('click', () => guard(validate, check, errors));
  const form = el('form', { id: 'policy-upload-form' },
    field('Load a policy file', file),
    el('div', { class: 'field' },
      el('label', { for: documentInput.id }, 'Policy document (JSON)'), documentInput,
      el('p', { class: 'hint', id: 'policy-document-hint' }, 'Starts as the active policy: edit it, or load a file. The format is in docs/POLICY.md.'),
      errors),
    el('div', { class: 'actions' }, validate, publish), status);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    guard(publish, async () => {
      if (!(await check())) return;
      const { data } = await likeness('PutPolicy', { Document: documentInput.value });
      status.textContent = `Published policy version ${data.Version}; the server uses it from now on and the audit trail records the change.`;
      await showPolicy(state);
    }, form);
  });
  return section('upload', 'Upload a new policy',
    el('p', {}, hasRole(state.whoami, 'governance') ? 'Publishing replaces the active policy for every account.'
      : 'Anyone can validate a policy; publishing needs the governance role (likeness keys role add ACCESS_KEY_ID governance).'),
    form);
}
