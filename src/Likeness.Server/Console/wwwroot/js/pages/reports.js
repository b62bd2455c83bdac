// Reports: the recorded bias and accuracy audits (ListAudits) and each one's HTML report (GetAuditReport),
// and the accountability report (GetAccountabilityReport, governance role). Reports are shown in iframes
// sandboxed without scripts: they are documents to read, never code to run.
import { likeness } from '../api.js';
import { dataTable, el, fill, guard, hasRole, section, when } from '../ui.js';

export async function render(view, { whoami }) {
  const audits = el('div', { id: 'audit-list', 'aria-live': 'polite' });
  const auditViewer = el('div', { id: 'audit-report' });
  const accountability = el('div', { id: 'accountability-report' });
  const showAccountability = el('button', { type: 'button', class: 'secondary', id: 'accountability-button' }, 'Show the accountability report');
  showAccountability.addEventListener('click', () => guard(showAccountability, async () => {
    const { data } = await likeness('GetAccountabilityReport', {});
    fill(accountability, reportFrame('accountability-frame', 'Accountability report', data.Html));
  }, accountability));
  view.append(
    el('h1', { tabindex: '-1' }, 'Reports'),
    el('p', { class: 'lead' }, 'Audits measure how the face model performs across groups of people; their reports are kept with a SHA-256 so a changed report shows.'),
    section('audits', 'Bias and accuracy audits', audits, auditViewer),
    section('accountability', 'Accountability report',
      el('p', {}, 'What this installation was used for, by whom, under which policy, and what its audits found: the report a governance officer publishes. ',
        hasRole(whoami, 'governance') ? '' : 'It needs the governance role.'),
      el('div', { class: 'actions' }, showAccountability), accountability));
  await guard(null, () => listAudits(audits, auditViewer), audits);
}

async function listAudits(region, viewer) {
  const { data } = await likeness('ListAudits', {});
  const audits = data.Audits || [];
  if (!audits.length) {
    fill(region, el('p', { class: 'empty', id: 'audits-empty' }, 'No audits recorded yet. An operator runs them on the server, e.g. ',
      el('code', {}, 'likeness audit demographics --images DIR --labels utkface'), ' (docs/AUDITS.md).'));
    return;
  }
  fill(region, dataTable('audit-table', 'Recorded audits, newest first', [
    ['Kind', (a) => a.Kind],
    ['Completed', (a) => when(a.CompletedAt)],
    ['Model', (a) => a.ModelId],
    ['Dataset', (a) => a.Dataset || ''],
    ['Summary', (a) => a.Summary || ''],
    ['Report', (a) => el('span', { class: `badge ${a.ReportIntact ? 'intact' : 'broken'}` }, a.ReportIntact ? 'report intact' : 'report altered')],
    ['', (a) => {
      const button = el('button', { type: 'button', class: 'secondary small audit-view', 'aria-label': `View the ${a.Kind} report of ${when(a.CompletedAt)}` }, 'View');
      button.addEventListener('click', () => guard(button, async () => {
        const { data: report } = await likeness('GetAuditReport', { Id: a.Id });
        fill(viewer, 
          report.ReportIntact ? null : el('p', { class: 'notice' }, 'This report no longer has the SHA-256 recorded when the audit ran: it was changed since.'),
          reportFrame('audit-frame', `${a.Kind} audit report, ${when(a.CompletedAt)}`, report.Html));
      }, viewer));
      return button;
    }],
  ], audits));
}

function reportFrame(id, title, html) {
  // sandbox="" (no allow-scripts, no allow-same-origin): the report can neither run code nor reach the console.
  return el('iframe', { id, class: 'report-frame', title, sandbox: '', srcdoc: html, referrerpolicy: 'no-referrer' });
}
