// Sign in: an access key id and secret (from `likeness keys create ACCOUNT_ID`), checked with WhoAmI
// before they are kept, in sessionStorage only.
import { likeness, saveCredentials } from '../api.js';
import { el, field, guard } from '../ui.js';

export function render(view, { onSignedIn }) {
  const keyId = el('input', { id: 'access-key-id', name: 'access-key-id', autocomplete: 'username', required: true, spellcheck: 'false', autocapitalize: 'off' });
  const secret = el('input', { id: 'secret-access-key', name: 'secret-access-key', type: 'password', autocomplete: 'current-password', required: true });
  const region = el('input', { id: 'region', name: 'region', value: 'us-east-1', required: true, spellcheck: 'false', autocapitalize: 'off' });
  const submit = el('button', { type: 'submit', id: 'sign-in', class: 'primary' }, 'Sign in');
  const status = el('p', { id: 'sign-in-status', class: 'result', 'aria-live': 'polite' });

  const form = el('form', { id: 'sign-in-form', class: 'panel narrow', 'aria-labelledby': 'sign-in-title' },
    el('h1', { id: 'sign-in-title', tabindex: '-1' }, 'Sign in to the Likeness console'),
    el('p', {}, 'Use an access key of your Likeness account, the same pair the AWS CLI or an SDK would use. ',
      'The key stays in this browser tab only and is forgotten when the tab closes or you sign out.'),
    field('Access key id', keyId),
    field('Secret access key', secret),
    field('Region', region, "The region the server signs for (its --region; us-east-1 unless the operator changed it)."),
    el('div', { class: 'actions' }, submit),
    status);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const credentials = { accessKeyId: keyId.value.trim(), secretAccessKey: secret.value, region: region.value.trim() || 'us-east-1' };
    guard(submit, async () => {
      status.textContent = 'Checking the key…';
      try {
        const { data } = await likeness('WhoAmI', {}, { credentials });
        saveCredentials(credentials);
        secret.value = '';
        status.textContent = `Signed in as account ${data.AccountId}.`;
        onSignedIn(data);
      } catch (error) {
        status.textContent = 'Sign-in failed; see the message above.';
        throw error;
      }
    }, form);
  });

  view.append(form);
  keyId.focus();
}
