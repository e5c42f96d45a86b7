// Slotboard's calls to its own server, shared by the front page (app.js, account.js) and the
// admin page (admin.js): the CSRF header, problems (RFC 9457) turned into sentences for
// people, permissions with wildcards, dates and the clipboard. Plain JavaScript, no build.
window.Slotboard = (function () {
  'use strict';

  const CSRF_COOKIE = 'XSRF-TOKEN';
  const CSRF_HEADER = 'X-XSRF-TOKEN';
  const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

  // What the person reads for each problem type of the token and role endpoints. The
  // server's own title and detail are written for people too, but these say what to do
  // next on this page.
  const PROBLEMS = {
    'not-signed-in': ['You are signed out', 'Your session ended. Sign in again on the front page.'],
    'access-denied': ['Not allowed', 'You do not hold the permission this needs.'],
    'invalid-csrf-token': ['This page is out of date', 'Reload the page and try again.'],
    'scope-not-held': ['You cannot give a token that permission',
      'A token can only carry permissions you hold yourself.'],
    'token-limit-reached': ['You have as many tokens as you may hold',
      'Revoke a token you no longer use, then create the new one.'],
    'token-not-found': ['That token is gone', 'It was revoked already. The list is up to date now.'],
    'invalid-name': ['Check the name',
      'Role names start with a letter, followed by letters, digits, "-" or "_". Permissions look like '
        + 'reports:read: lower-case letters, digits, "_", "-" or ".", or "*", separated by ":". Token names '
        + 'are 1 to 100 letters, digits, spaces or punctuation.'],
    'invalid-request': ['Check the form', 'Something in the form is missing or not valid.'],
    'role-not-found': ['That role does not exist', 'It may have been deleted meanwhile. The list is up to date now.'],
    'role-exists': ['A role of that name exists already', 'Choose another name, or change the existing role.'],
    'role-cycle': ['That would make a loop', 'A role cannot include a role that includes it, directly or not.'],
    'token-rate-limited': ['Too many invalid tokens', 'Wait a moment, then try again.'],
    'store-unavailable': ['Slotboard cannot reach its database', 'Please try again in a moment.'],
    'request-too-large': ['That is too long', 'Shorten what you typed and try again.'],
  };
  const GENERIC_PROBLEM = ['Something went wrong', 'Please try again. If it keeps failing, reload the page.'];
  const OFFLINE = ['Cannot reach Slotboard', 'Check your connection and try again.'];

  function readCookie(name) {
    for (const part of document.cookie.split(';')) {
      const cookie = part.trim();
      if (cookie.startsWith(name + '=')) {
        return decodeURIComponent(cookie.substring(name.length + 1));
      }
    }
    return null;
  }

  async function csrfToken() {
    let token = readCookie(CSRF_COOKIE);
    if (!token) {
      // e.g. right after signing out: any answer sets a fresh one
      await fetch('/config', { headers: { Accept: 'application/json' } });
      token = readCookie(CSRF_COOKIE);
    }
    return token;
  }

  // fetch with JSON and, on every state-changing request, the CSRF header
  async function send(method, path, body) {
    const headers = { Accept: 'application/json, application/problem+json' };
    if (!SAFE_METHODS.includes(method)) {
      const token = await csrfToken();
      if (token) {
        headers[CSRF_HEADER] = token;
      }
    }
    const request = { method, headers };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      request.body = JSON.stringify(body);
    }
    return fetch(path, request);
  }

  // the last segment of a problem's type, e.g. "scope-not-held"
  function problemName(type) {
    if (typeof type !== 'string' || type === '') {
      return null;
    }
    const slash = type.lastIndexOf('/');
    return slash >= 0 ? type.substring(slash + 1) : type;
  }

  // {name, status, title, detail}: what to tell the person about a failed answer
  async function problemOf(response) {
    const problem = await response.json().catch(() => null) || {};
    const name = problemName(problem.type);
    const [title, detail] = PROBLEMS[name] || [problem.title || GENERIC_PROBLEM[0],
      problem.detail || GENERIC_PROBLEM[1]];
    return { name, status: response.status, title, detail };
  }

  function offline() {
    return { name: null, status: 0, title: OFFLINE[0], detail: OFFLINE[1] };
  }

  // Whether holding one permission grants another, as the server decides it: a "*" part
  // stands for any one part, and, as the last part, for all parts that follow.
  function implies(held, wanted) {
    if (held === wanted || held === '*') {
      return true;
    }
    if (!held.includes('*')) {
      return false;
    }
    const heldParts = held.split(':');
    const wantedParts = wanted.split(':');
    for (let i = 0; i < heldParts.length; i++) {
      if (i >= wantedParts.length) {
        return false;
      }
      if (heldParts[i] === '*') {
        if (i === heldParts.length - 1) {
          return true;
        }
      }
      else if (heldParts[i] !== wantedParts[i]) {
        return false;
      }
    }
    return heldParts.length === wantedParts.length;
  }

  function holds(permissions, wanted) {
    return permissions.some((held) => implies(held, wanted));
  }

  // a signed-in user's authorities split the way the page shows them: roles come as
  // ROLE_<role>, everything else is a permission
  function rolesAndPermissions(authorities) {
    const roles = [];
    const permissions = [];
    for (const authority of authorities || []) {
      if (authority.startsWith('ROLE_')) {
        // ROLE_USER is what every signed-in user holds; role names keep their case
        roles.push(authority === 'ROLE_USER' ? 'user' : authority.substring('ROLE_'.length));
      }
      else {
        permissions.push(authority);
      }
    }
    return { roles, permissions };
  }

  const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

  function formatDateTime(instant) {
    return instant ? DATE_TIME.format(new Date(instant)) : '–';
  }

  function formatDate(instant) {
    return instant ? DATE.format(new Date(instant)) : '–';
  }

  // The Clipboard API where the page may use it (localhost and HTTPS); otherwise the old
  // way, through a selected text area. Resolves to whether the text was copied.
  async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      }
      catch (error) {
        // denied, e.g. in a page without focus: try the old way
      }
    }
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    let copied = false;
    try {
      copied = document.execCommand('copy');
    }
    catch (error) {
      copied = false;
    }
    area.remove();
    return copied;
  }

  // an element with a class and text, built without innerHTML: names come from users
  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  return {
    send, problemOf, offline, problemName, implies, holds, rolesAndPermissions, formatDateTime, formatDate,
    copyText, element,
  };
})();
