// Slotboard, signed in: the user's roles and permissions, the quarterly reports
// (GET /api/reports, which needs reports:read) and their personal access tokens
// (GET and POST /api/tokens, DELETE /api/tokens/{id}).
//
// app.js announces the user with "slotboard:signed-in" (GET /me's answer, whose authorities
// are ROLE_<role> for each role and the permissions those roles grant) and
// "slotboard:signed-out". A new token's value is in the answer that creates it, and nowhere
// else ever after: the page shows it once, in memory only, until the person dismisses it.
(function () {
  'use strict';

  // the permission the admin page's data and the role endpoints ask for
  const ADMIN_PERMISSION = 'rbac:admin';
  const TOKEN_PLACEHOLDER = 'altscodex_pat_…';
  const DAY_MILLIS = 24 * 60 * 60 * 1000;

  const byId = (id) => document.getElementById(id);
  const el = Slotboard.element;
  const number = new Intl.NumberFormat();
  const euros = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

  // answers that arrive after the user signed out (or in again) are dropped
  let generation = 0;

  document.addEventListener('slotboard:signed-in', (event) => show(event.detail));
  document.addEventListener('slotboard:signed-out', hide);

  function show(user) {
    generation++;
    const { roles, permissions } = Slotboard.rolesAndPermissions(user.authorities);
    const admin = Slotboard.holds(permissions, ADMIN_PERMISSION);
    byId('admin-link').hidden = !admin;
    byId('roles-admin-link').hidden = !admin;
    showRoles(roles, permissions);
    showScopes(permissions);
    hideCreatedToken();
    clearTokenMessages();
    byId('workspace').hidden = false;
    loadReports();
    loadTokens();
  }

  function hide() {
    generation++;
    byId('workspace').hidden = true;
    byId('admin-link').hidden = true;
    hideCreatedToken();
    clearTokenMessages();
    byId('token-rows').replaceChildren();
    byId('reports-rows').replaceChildren();
  }

  // roles and permissions

  function showRoles(roles, permissions) {
    byId('role-list').replaceChildren(...roles.map((role) => el('li', 'chip', role)));
    byId('permission-list').replaceChildren(...permissions.map((permission) => {
      const chip = el('li', 'chip chip-permission', permission);
      if (permission === '*') {
        chip.title = 'every permission';
      }
      return chip;
    }));
    if (permissions.length === 0) {
      byId('permission-list').append(el('li', 'chip chip-empty', 'none yet'));
    }
    let note = '';
    if (roles.every((role) => role === 'user')) {
      note = 'You have no role yet. An admin can give you one; it applies from your next click.';
    }
    else if (permissions.includes('*')) {
      note = '* stands for every permission.';
    }
    byId('roles-note').textContent = note;
  }

  // reports

  async function loadReports() {
    const current = generation;
    byId('reports-loading').hidden = false;
    byId('reports-table').hidden = true;
    byId('reports-denied').hidden = true;
    byId('reports-error').hidden = true;
    let response;
    try {
      response = await Slotboard.send('GET', '/api/reports');
    }
    catch (error) {
      if (current === generation) {
        showReportsError(Slotboard.offline());
      }
      return;
    }
    if (current !== generation) {
      return;
    }
    byId('reports-loading').hidden = true;
    if (response.ok) {
      const body = await response.json();
      byId('reports-rows').replaceChildren(...body.reports.map(reportRow));
      byId('reports-table').hidden = false;
    }
    else if (response.status === 403) {
      byId('reports-denied').hidden = false;
    }
    else {
      showReportsError(await Slotboard.problemOf(response));
    }
  }

  function reportRow(report) {
    const row = el('tr');
    const quarter = el('td');
    quarter.append(el('strong', null, report.quarter));
    row.append(quarter, el('td', null, report.title), el('td', 'num', number.format(report.transfers)),
      el('td', 'num', euros.format(report.revenue_eur)));
    return row;
  }

  function showReportsError(problem) {
    byId('reports-loading').hidden = true;
    byId('reports-error').textContent = problem.title + '. ' + problem.detail;
    byId('reports-error').hidden = false;
  }

  // tokens: the form

  function showScopes(permissions) {
    const scopes = byId('token-scopes');
    scopes.replaceChildren(...permissions.map((permission) => {
      const label = el('label', 'scope');
      const box = el('input');
      box.type = 'checkbox';
      box.value = permission;
      box.dataset.testid = 'token-scope';
      label.append(box, el('span', 'mono', permission));
      if (permission === '*') {
        label.append(el('span', 'muted-inline', ' every permission'));
      }
      return label;
    }));
    const none = permissions.length === 0;
    byId('token-form-note').textContent = none
      ? 'A token carries permissions you hold, and you hold none yet. Once an admin gives you a role, '
        + 'you can create tokens here.'
      : '';
    byId('token-form-note').hidden = !none;
    for (const field of byId('token-form').elements) {
      field.disabled = none;
    }
  }

  function chosenScopes() {
    const scopes = [...byId('token-scopes').querySelectorAll('input:checked')].map((box) => box.value);
    for (const extra of byId('token-extra-scopes').value.split(/[\s,]+/)) {
      if (extra !== '' && !scopes.includes(extra)) {
        scopes.push(extra);
      }
    }
    return scopes;
  }

  async function createToken(event) {
    event.preventDefault();
    clearTokenMessages();
    const name = byId('token-name').value.trim();
    const scopes = chosenScopes();
    if (name === '') {
      showTokenError({ title: 'Name your token', detail: 'A name tells you later what the token is for.' });
      byId('token-name').focus();
      return;
    }
    if (scopes.length === 0) {
      showTokenError({ title: 'Choose a scope', detail: 'Tick at least one permission the token may use.' });
      return;
    }
    const request = { name, scopes };
    const days = byId('token-expiry').value;
    if (days !== '') {
      request.expires_at = new Date(Date.now() + Number(days) * DAY_MILLIS).toISOString();
    }
    const button = byId('token-create');
    button.disabled = true;
    try {
      const response = await Slotboard.send('POST', '/api/tokens', request);
      if (response.status === 201) {
        showCreatedToken(await response.json());
        byId('token-form').reset();
        await loadTokens();
      }
      else {
        showTokenError(await Slotboard.problemOf(response));
      }
    }
    catch (error) {
      showTokenError(Slotboard.offline());
    }
    finally {
      button.disabled = false;
    }
  }

  // tokens: the one time a new token is shown

  function showCreatedToken(created) {
    const box = byId('token-created');
    box.dataset.tokenId = created.id;
    byId('token-value').textContent = created.token;
    box.hidden = false;
    showCurl(created.token);
    byId('token-status').textContent = 'Token "' + created.name + '" created.';
  }

  function hideCreatedToken() {
    const box = byId('token-created');
    box.hidden = true;
    delete box.dataset.tokenId;
    byId('token-value').textContent = '';
    showCurl(null);
  }

  function showCurl(token) {
    byId('curl-example').textContent = 'curl -H "Authorization: Bearer ' + (token || TOKEN_PLACEHOLDER) + '" '
      + window.location.origin + '/api/reports';
  }

  async function copy(text, button) {
    const label = button.textContent;
    if (await Slotboard.copyText(text)) {
      button.textContent = 'Copied';
      setTimeout(() => {
        button.textContent = label;
      }, 2000);
    }
    else {
      byId('token-status').textContent = 'Your browser did not let the page copy: select the text and '
        + 'press Ctrl+C (⌘C on a Mac).';
    }
  }

  // tokens: the list

  async function loadTokens() {
    const current = generation;
    let response;
    try {
      response = await Slotboard.send('GET', '/api/tokens');
    }
    catch (error) {
      if (current === generation) {
        showTokenError(Slotboard.offline());
      }
      return;
    }
    if (current !== generation) {
      return;
    }
    if (!response.ok) {
      showTokenError(await Slotboard.problemOf(response));
      return;
    }
    const tokens = (await response.json()).tokens;
    if (current !== generation) {
      return;
    }
    byId('token-rows').replaceChildren(...tokens.map(tokenRow));
    byId('token-table').hidden = tokens.length === 0;
    byId('token-empty').hidden = tokens.length !== 0;
    byId('token-count').textContent = tokens.length === 1 ? '1 token' : tokens.length + ' tokens';
  }

  function tokenRow(token) {
    const row = el('tr');
    row.dataset.testid = 'token-row';
    row.dataset.tokenId = token.id;
    const scopes = el('td');
    scopes.append(...token.scopes.map((scope) => el('span', 'chip chip-permission chip-small', scope)));
    const revoke = el('button', 'button button-inline button-danger', 'Revoke');
    revoke.type = 'button';
    revoke.dataset.testid = 'token-revoke';
    revoke.setAttribute('aria-label', 'Revoke token ' + token.name);
    revoke.addEventListener('click', () => revokeToken(token, revoke));
    const actions = el('td', 'actions');
    actions.append(revoke);
    row.append(el('td', 'strong', token.name), scopes, el('td', null, Slotboard.formatDate(token.created_at)),
      el('td', null, token.expires_at ? Slotboard.formatDate(token.expires_at) : 'never'),
      el('td', null, token.last_used_at ? Slotboard.formatDateTime(token.last_used_at) : 'never'), actions);
    return row;
  }

  async function revokeToken(token, button) {
    clearTokenMessages();
    button.disabled = true;
    try {
      const response = await Slotboard.send('DELETE', '/api/tokens/' + encodeURIComponent(token.id));
      if (response.ok) {
        if (byId('token-created').dataset.tokenId === token.id) {
          hideCreatedToken();
        }
        byId('token-status').textContent = 'Token "' + token.name + '" revoked: requests that send it '
          + 'are refused from now on.';
        await loadTokens();
      }
      else {
        showTokenError(await Slotboard.problemOf(response));
        button.disabled = false;
      }
    }
    catch (error) {
      showTokenError(Slotboard.offline());
      button.disabled = false;
    }
  }

  // tokens: messages

  function showTokenError(problem) {
    byId('token-status').textContent = '';
    byId('token-error-title').textContent = problem.title;
    byId('token-error-detail').textContent = problem.detail || '';
    byId('token-error').hidden = false;
  }

  function clearTokenMessages() {
    byId('token-status').textContent = '';
    byId('token-error').hidden = true;
    byId('token-error-title').textContent = '';
    byId('token-error-detail').textContent = '';
  }

  byId('token-form').addEventListener('submit', createToken);
  byId('token-copy').addEventListener('click', (event) => copy(byId('token-value').textContent, event.currentTarget));
  byId('curl-copy').addEventListener('click', (event) => copy(byId('curl-example').textContent, event.currentTarget));
  byId('token-done').addEventListener('click', () => {
    hideCreatedToken();
    byId('token-status').textContent = '';
  });
  showCurl(null);
})();
