// The console's router: hash routes (#/analyse, #/collections, ...), each page a module loaded on first
// visit so a cold load fetches only what it shows. Without credentials every route shows the sign-in form.
import { clearCredentials, likeness, loadCredentials } from './api.js';
import { clearAlert, el, showError } from './ui.js';

const PAGES = {
  analyse: { title: 'Analyse', load: () => import('./pages/analyse.js') },
  collections: { title: 'Collections', load: () => import('./pages/collections.js') },
  reviews: { title: 'Reviews', load: () => import('./pages/reviews.js') },
  trail: { title: 'Audit trail', load: () => import('./pages/trail.js') },
  policies: { title: 'Policies', load: () => import('./pages/policies.js') },
  reports: { title: 'Reports', load: () => import('./pages/reports.js') },
};
const DEFAULT_PAGE = 'analyse';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const identity = document.getElementById('identity');
const signOutButton = document.getElementById('sign-out');

// Who the signed-in key is (WhoAmI), kept for the life of the page.
let whoami = null;
let renders = 0;
let firstRender = true;

function pageName() {
  const name = location.hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return Object.hasOwn(PAGES, name) ? name : DEFAULT_PAGE;
}

function showIdentity() {
  if (!whoami) {
    identity.replaceChildren();
    nav.hidden = true;
    signOutButton.hidden = true;
    return;
  }
  const roles = whoami.Roles && whoami.Roles.length ? whoami.Roles.join(', ') : 'none';
  identity.replaceChildren(
    el('span', { class: 'who' }, el('span', { class: 'label' }, 'Account '), el('strong', { id: 'identity-account' }, whoami.AccountId),
      whoami.Organisation ? ` (${whoami.Organisation})` : ''),
    el('span', { class: 'who' }, el('span', { class: 'label' }, 'Use case '), el('strong', { id: 'identity-use-case' }, whoami.UseCase || 'none')),
    el('span', { class: 'who' }, el('span', { class: 'label' }, 'Roles '), el('strong', { id: 'identity-roles' }, roles)));
  nav.hidden = false;
  signOutButton.hidden = false;
}

function markCurrent(name) {
  for (const link of nav.querySelectorAll('a')) {
    if (link.getAttribute('href') === `#/${name}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

/** Renders the current route into a fresh view; a newer route replaces a render still in progress. */
async function route() {
  const render = ++renders;
  clearAlert();
  const view = el('div', { class: 'view' });
  main.replaceChildren(view);
  const credentials = loadCredentials();
  if (!credentials) {
    whoami = null;
    showIdentity();
    const { render: renderSignIn } = await import('./pages/signin.js');
    if (render !== renders) return;
    document.title = 'Sign in — Likeness console';
    renderSignIn(view, { onSignedIn });
    // The page after signing in is one the user asked for: it takes the focus like any later navigation.
    firstRender = false;
    return;
  }
  if (!whoami) {
    try {
      whoami = (await likeness('WhoAmI', {})).data;
    } catch (error) {
      // The key was revoked or the secret is wrong: back to the sign-in form, saying why.
      clearCredentials();
      await route();
      showError(error);
      return;
    }
  }
  showIdentity();
  const name = pageName();
  markCurrent(name);
  document.title = `${PAGES[name].title} — Likeness console`;
  try {
    const page = await PAGES[name].load();
    if (render !== renders) return;
    await page.render(view, { whoami });
  } catch (error) {
    if (render === renders) showError(error);
  }
  // Move focus to the new page's heading so keyboard and screen-reader users start there.
  if (render === renders && !firstRender) view.querySelector('h1')?.focus();
  firstRender = false;
}

function onSignedIn(who) {
  whoami = who;
  if (location.hash.startsWith('#/') && Object.hasOwn(PAGES, location.hash.slice(2))) route();
  else location.hash = `#/${DEFAULT_PAGE}`;
}

signOutButton.addEventListener('click', () => {
  clearCredentials();
  whoami = null;
  route();
});

document.getElementById('skip-link').addEventListener('click', (event) => {
  event.preventDefault(); // the hash is the router's
  main.focus();
});

window.addEventListener('hashchange', route);
route();
