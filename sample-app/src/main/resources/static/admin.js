// Slotboard's admin page: people and their roles, the roles with their permissions and
// inclusions, and the audit log.
//
// - GET /me: who is signed in (401: sign in on the front page first);
// - GET /api/admin/summary: the sample's own data for the page, from a method guarded by
//   @PreAuthorize("hasAuthority('rbac:admin')") (403: this page is for admins);
// - the starter's role endpoints under /api/admin/rbac for everything else; every change is
//   a PUT, POST or DELETE with the CSRF header (api.js), then the page reloads what it shows.
(function () {
  'use strict';

  const RBAC = '/api/admin/rbac';

  const byId = (id) => document.getElementById(id);
  const el = Slotboard.element;
  const path = (...parts) => parts.map(encodeURIComponent).join('/');

  // what the audit log's actions mean, as a sentence about the role and the subject
  const ACTIONS = {
    ROLE_CREATED: (role) => ['created the role ', strong(role)],
    ROLE_DELETED: (role) => ['deleted the role ', strong(role)],
    PERMISSION_GRANTED: (role, subject) => ['granted ', code(subject), ' to the role ', strong(role)],
    PERMISSION_REVOKED: (role, subject) => ['revoked ', code(subject), ' from the role ', strong(role)],
    ROLE_INCLUDED: (role, subject) => ['made the role ', strong(role), ' include ', strong(subject)],
    ROLE_EXCLUDED: (role, subject) => ['made the role ', strong(role), ' no longer include ', strong(subject)],
    ROLE_ASSIGNED: (role, subject) => ['gave ', strong(subject), ' the role ', strong(role)],
    ROLE_UNASSIGNED: (role, subject) => ['took the role ', strong(role), ' from ', strong(subject)],
  };

  let roles = [];
  // slot ids looked up by hand, shown after the known users until the page is reloaded
  const lookedUp = [];

  // messages

  function showStatus(text) {
    byId('admin-status').textContent = text || '';
  }

  function showError(problem) {
    showStatus('');
    byId('admin-error-title').textContent = problem.title;
    byId('admin-error-detail').textContent = problem.detail || '';
    byId('admin-error').hidden = false;
  }

  function clearMessages() {
    showStatus('');
    byId('admin-error').hidden = true;
  }

  function showView(view) {
    byId('admin-loading').hidden = view !== 'loading';
    byId('admin-signed-out').hidden = view !== 'signed-out';
    byId('admin-denied').hidden = view !== 'denied';
    byId('admin-content').hidden = view !== 'content';
  }

  // loading

  async function getJson(url) {
    const response = await Slotboard.send('GET', url);
    if (!response.ok) {
      throw await Slotboard.problemOf(response);
    }
    return response.json();
  }

  async function start() {
    showView('loading');
    try {
      const response = await Slotboard.send('GET', '/me');
      if (response.status === 401) {
        showView('signed-out');
        return;
      }
      if (!response.ok) {
        throw await Slotboard.problemOf(response);
      }
      showAccount(await response.json());
      await refresh();
    }
    catch (problem) {
      showView('none');
      showError(problem.title ? problem : Slotboard.offline());
    }
  }

  function showAccount(user) {
    const nickname = user.token_nickname || user.id || 'AltsCodex user';
    byId('chip-nickname').textContent = nickname;
    byId('chip-avatar').textContent = nickname.charAt(0).toUpperCase();
    byId('account-chip').hidden = false;
  }

  // everything the page shows, again: after each change, since a change to one role can
  // change what several people hold
  async function refresh() {
    const summaryResponse = await Slotboard.send('GET', '/api/admin/summary');
    if (summaryResponse.status === 403) {
      showView('denied');
      return;
    }
    if (summaryResponse.status === 401) {
      showView('signed-out');
      return;
    }
    if (!summaryResponse.ok) {
      throw await Slotboard.problemOf(summaryResponse);
    }
    const summary = await summaryResponse.json();
    const [roleList, audit, others] = await Promise.all([getJson(RBAC + '/roles'),
      getJson(RBAC + '/audit?limit=100'),
      Promise.all(lookedUp.map((slotId) => getJson(RBAC + '/users/' + path(slotId))))]);
    roles = roleList.roles;
    const known = new Set(summary.users.map((user) => user.slot_id));
    showUsers(summary.users.concat(others.filter((user) => !known.has(user.slot_id))));
    showRoles();
    showAudit(audit.entries);
    showView('content');
  }

  // a change through the role endpoints, then everything shown again
  async function change(method, url, body, done) {
    clearMessages();
    try {
      const response = await Slotboard.send(method, url, body);
      if (!response.ok) {
        const problem = await Slotboard.problemOf(response);
        showError(problem);
        if (problem.name === 'role-not-found') {
          await refresh();
        }
        return false;
      }
      await refresh();
      showStatus(done);
      return true;
    }
    catch (problem) {
      showError(problem.title ? problem : Slotboard.offline());
      return false;
    }
  }

  // people

  function showUsers(users) {
    byId('user-rows').replaceChildren(...users.map(userRow));
  }

  function userRow(user) {
    const row = el('tr');
    row.dataset.testid = 'user-row';
    row.dataset.slotId = user.slot_id;
    const who = el('td');
    who.append(el('strong', null, user.nickname || user.slot_id), el('div', 'mono muted-small', user.slot_id));

    const held = el('td');
    for (const role of user.assigned_roles) {
      held.append(removableChip(role, 'Take the role ' + role + ' from ' + user.slot_id, 'unassign',
        () => change('DELETE', RBAC + '/users/' + path(user.slot_id, 'roles', role), undefined,
          'Took the role ' + role + ' from ' + user.slot_id + '.')));
    }
    for (const role of user.roles.filter((role) => !user.assigned_roles.includes(role))) {
      const chip = el('span', 'chip chip-included', role);
      chip.title = 'comes with another role';
      held.append(chip);
    }
    if (user.roles.length === 0) {
      held.append(el('span', 'hint-inline', 'no role'));
    }

    const give = el('td');
    const choices = roles.map((role) => role.name).filter((name) => !user.assigned_roles.includes(name));
    if (choices.length > 0) {
      const form = el('form', 'inline-form inline-form-tight');
      const select = selectOf(choices);
      select.dataset.testid = 'assign-role';
      select.setAttribute('aria-label', 'Role to give ' + user.slot_id);
      const button = el('button', 'button button-inline', 'Give');
      button.type = 'submit';
      button.dataset.testid = 'assign';
      form.append(select, button);
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        change('PUT', RBAC + '/users/' + path(user.slot_id, 'roles', select.value), undefined,
          'Gave ' + user.slot_id + ' the role ' + select.value + '.');
      });
      give.append(form);
    }
    row.append(who, held, give);
    return row;
  }

  async function lookUp(event) {
    event.preventDefault();
    const slotId = byId('lookup-slot').value.trim();
    if (slotId === '') {
      return;
    }
    clearMessages();
    try {
      await getJson(RBAC + '/users/' + path(slotId));
      if (!lookedUp.includes(slotId)) {
        lookedUp.push(slotId);
      }
      byId('lookup-slot').value = '';
      await refresh();
    }
    catch (problem) {
      showError(problem.title ? problem : Slotboard.offline());
    }
  }

  // roles

  function showRoles() {
    byId('role-count').textContent = roles.length === 1 ? '1 role' : roles.length + ' roles';
    byId('role-cards').replaceChildren(...roles.map(roleCard));
  }

  function roleCard(role) {
    const card = el('section', 'role-card');
    card.dataset.testid = 'role-card';
    card.dataset.role = role.name;

    const head = el('div', 'role-card-head');
    const title = el('div');
    title.append(el('h4', null, role.name), el('p', 'hint-inline', role.description || 'No description.'));
    const remove = el('button', 'button button-inline button-danger', 'Delete');
    remove.type = 'button';
    remove.dataset.testid = 'role-delete';
    remove.setAttribute('aria-label', 'Delete the role ' + role.name);
    remove.addEventListener('click', () => {
      // the only change here that cannot be undone by a click: its grants and assignments go with it
      if (window.confirm('Delete the role ' + role.name + '? Everyone who has it loses it.')) {
        change('DELETE', RBAC + '/roles/' + path(role.name), undefined, 'Deleted the role ' + role.name + '.');
      }
    });
    head.append(title, remove);

    const permissions = el('div', 'role-line');
    permissions.append(el('span', 'label', 'Permissions'));
    for (const permission of role.permissions) {
      permissions.append(removableChip(permission, 'Revoke ' + permission + ' from ' + role.name, 'revoke',
        () => change('DELETE', RBAC + '/roles/' + path(role.name, 'permissions', permission), undefined,
          'Revoked ' + permission + ' from the role ' + role.name + '.'), 'chip-permission'));
    }
    const grant = el('form', 'inline-form inline-form-tight');
    const permission = el('input');
    permission.type = 'text';
    permission.placeholder = 'e.g. reports:read';
    permission.required = true;
    permission.autocomplete = 'off';
    permission.dataset.testid = 'grant-permission';
    permission.setAttribute('aria-label', 'Permission to grant to ' + role.name);
    const grantButton = el('button', 'button button-inline', 'Grant');
    grantButton.type = 'submit';
    grantButton.dataset.testid = 'grant';
    grant.append(permission, grantButton);
    grant.addEventListener('submit', (event) => {
      event.preventDefault();
      const wanted = permission.value.trim();
      if (wanted !== '') {
        change('PUT', RBAC + '/roles/' + path(role.name, 'permissions', wanted), undefined,
          'Granted ' + wanted + ' to the role ' + role.name + '.');
      }
    });
    permissions.append(grant);

    const includes = el('div', 'role-line');
    includes.append(el('span', 'label', 'Includes'));
    for (const included of role.includes) {
      includes.append(removableChip(included, 'Stop ' + role.name + ' including ' + included, 'exclude',
        () => change('DELETE', RBAC + '/roles/' + path(role.name, 'includes', included), undefined,
          'The role ' + role.name + ' no longer includes ' + included + '.')));
    }
    const choices = roles.map((other) => other.name)
      .filter((name) => name !== role.name && !role.includes.includes(name));
    if (choices.length > 0) {
      const include = el('form', 'inline-form inline-form-tight');
      const select = selectOf(choices);
      select.setAttribute('aria-label', 'Role for ' + role.name + ' to include');
      const button = el('button', 'button button-inline', 'Include');
      button.type = 'submit';
      include.append(select, button);
      include.addEventListener('submit', (event) => {
        event.preventDefault();
        change('PUT', RBAC + '/roles/' + path(role.name, 'includes', select.value), undefined,
          'The role ' + role.name + ' includes ' + select.value + ' now.');
      });
      includes.append(include);
    }
    else if (role.includes.length === 0) {
      includes.append(el('span', 'hint-inline', 'no other role'));
    }

    card.append(head, permissions, includes);
    return card;
  }

  async function createRole(event) {
    event.preventDefault();
    const name = byId('role-name').value.trim();
    const description = byId('role-description').value.trim();
    if (name === '') {
      return;
    }
    const created = await change('POST', RBAC + '/roles', { name, description: description || null },
      'Created the role ' + name + '. Grant it permissions below.');
    if (created) {
      byId('role-form').reset();
    }
  }

  // the audit log

  function showAudit(entries) {
    byId('audit-rows').replaceChildren(...entries.map((entry) => {
      const row = el('tr');
      row.dataset.testid = 'audit-row';
      const what = el('td');
      const sentence = ACTIONS[entry.action];
      what.append(...(sentence ? sentence(entry.role, entry.subject || '') : [entry.action]));
      const who = el('td');
      who.append(el('strong', null, entry.actor));
      if (entry.actor === 'system') {
        who.append(el('span', 'hint-inline', ' at start-up'));
      }
      const action = el('td');
      action.append(el('span', 'tag mono', entry.action));
      row.append(el('td', 'nowrap', Slotboard.formatDateTime(entry.at)), who, what, action);
      return row;
    }));
    byId('audit-empty').hidden = entries.length !== 0;
  }

  // helpers

  function removableChip(text, label, testId, remove, extraClass) {
    const chip = el('span', 'chip chip-removable' + (extraClass ? ' ' + extraClass : ''));
    chip.append(el('span', null, text));
    const button = el('button', 'chip-remove', '×');
    button.type = 'button';
    button.title = label;
    button.setAttribute('aria-label', label);
    button.dataset.testid = testId;
    button.addEventListener('click', remove);
    chip.append(button);
    return chip;
  }

  function selectOf(values) {
    const select = el('select');
    select.append(...values.map((value) => {
      const option = el('option', null, value);
      option.value = value;
      return option;
    }));
    return select;
  }

  function strong(text) {
    return el('strong', null, text);
  }

  function code(text) {
    return el('code', null, text);
  }

  byId('role-form').addEventListener('submit', createRole);
  byId('user-lookup').addEventListener('submit', lookUp);
  start();
})();
