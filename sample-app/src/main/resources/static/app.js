// Slotboard: sign in with AltsCodex, two ways, on the sign-in the starter adds to Spring Security.
//
// - Popup: GET /config says where the AltsCodex login page is (no secrets). The login page,
//   opened as a popup, posts {type: "altscodex:jwt", jwt} back to this page; POST /login
//   exchanges the JWT on the server for the user's slot and starts a session.
// - Same window: /login/altscodex sends the browser to AltsCodex, which sends it back to the
//   redirect URI; the server then returns to "/" (or to "/?error=<problem type>").
// - GET /me says who is signed in; POST /logout ends the session.
// Every POST carries the X-XSRF-TOKEN header, copied from the XSRF-TOKEN cookie (CSRF).
// Once signed in, the page announces the user ("slotboard:signed-in", with GET /me's answer)
// for account.js, which shows roles, reports and access tokens; "slotboard:signed-out" hides
// them again.
(function () {
  'use strict';

  // the sentences for ?error=<problem type> after the same-window flow, and the fallback
  // for answers without a title
  const PROBLEMS = {
    'expired-token': ['Your sign-in expired',
      'The AltsCodex sign-in took too long and its token expired. Please sign in again.'],
    'callback-timeout': ['AltsCodex did not answer in time',
      'The sign-in could not be completed. Please try again.'],
    'authorize-rejected': ['Sign-in cancelled',
      'AltsCodex did not confirm the sign-in, for example because it was cancelled. You can try again.'],
    'invalid-state': ['This sign-in is no longer valid',
      'It was already used, took too long, or was started in another window. Please sign in again.'],
    'sign-in-rate-limited': ['Too many sign-in attempts',
      'Please wait a moment, then try again.'],
    'sign-in-busy': ['Sign-in is busy right now',
      'Many people are signing in at once. Please try again in a few seconds.'],
  };
  const GENERIC_PROBLEM = ['Sign-in failed', 'Something went wrong while signing you in. Please try again.'];
  // answers whose own title and detail speak to developers rather than to the person
  const DEVELOPER_PROBLEMS = {
    'invalid-csrf-token': ['This page is out of date', 'Reload the page and try again.'],
  };

  const byId = (id) => document.getElementById(id);
  const signIn = byId('sign-in');
  let platformUrl = null;
  let platformOrigin = null;

  // views

  function show(view) {
    byId('loading').hidden = view !== 'loading';
    byId('signed-out').hidden = view !== 'signed-out';
    byId('signed-in').hidden = view !== 'signed-in';
    byId('account-chip').hidden = view !== 'signed-in';
  }

  function showStatus(text) {
    byId('status').textContent = text || '';
  }

  function showError(title, detail) {
    showStatus('');
    byId('error-title').textContent = title;
    byId('error-detail').textContent = detail || '';
    byId('error').hidden = false;
  }

  function clearError() {
    byId('error').hidden = true;
    byId('error-title').textContent = '';
    byId('error-detail').textContent = '';
  }

  function showUser(user) {
    const nickname = user.token_nickname || user.id || 'AltsCodex user';
    const initial = nickname.charAt(0).toUpperCase();
    byId('user-nickname').textContent = nickname;
    byId('user-avatar').textContent = initial;
    byId('chip-nickname').textContent = nickname;
    byId('chip-avatar').textContent = initial;
    byId('user-id').textContent = user.id || '–';
    byId('user-address').textContent = user.content_address || '–';
    byId('user-transfers').textContent = (user.tr_cnt ?? '–').toString();
    byId('user-roles').textContent = Slotboard.rolesAndPermissions(user.authorities).roles.join(', ') || '–';
    show('signed-in');
    document.dispatchEvent(new CustomEvent('slotboard:signed-in', { detail: user }));
  }

  function showSignedOut() {
    show('signed-out');
    document.dispatchEvent(new CustomEvent('slotboard:signed-out'));
  }

  // problems (RFC 9457): title and detail are written for people

  function problemName(type) {
    if (typeof type !== 'string' || type === '') {
      return null;
    }
    const slash = type.lastIndexOf('/');
    return slash >= 0 ? type.substring(slash + 1) : type;
  }

  function explain(name) {
    return PROBLEMS[name] || GENERIC_PROBLEM;
  }

  async function showProblem(response) {
    const problem = await response.json().catch(() => null) || {};
    const name = problemName(problem.type);
    if (DEVELOPER_PROBLEMS[name]) {
      showError(...DEVELOPER_PROBLEMS[name]);
      return;
    }
    const [title, detail] = explain(name);
    let text = problem.detail || (problem.title ? '' : detail);
    const retryAfter = response.headers.get('Retry-After');
    if (response.status === 429 && retryAfter && /^\d+$/.test(retryAfter)) {
      text = (text ? text + ' ' : '') + 'You can try again in ' + retryAfter + ' s.';
    }
    showError(problem.title || title, text);
  }

  // ?error=<problem type>, left by a failed sign-in in the same window
  function showErrorFromAddress() {
    const url = new URL(window.location.href);
    if (!url.searchParams.has('error')) {
      return;
    }
    const [title, detail] = explain(problemName(url.searchParams.get('error')));
    showError(title, detail);
    url.searchParams.delete('error');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }

  // CSRF: the server sets the XSRF-TOKEN cookie on its answers; POSTs send it back as a
  // header (api.js)
  function post(path, body) {
    return Slotboard.send('POST', path, body);
  }

  // the session

  async function loadSession() {
    try {
      const response = await fetch('/me', { headers: { Accept: 'application/json' } });
      if (response.ok) {
        showUser(await response.json());
        return;
      }
      showSignedOut();
      if (response.status !== 401) {
        await showProblem(response);
      }
    }
    catch (error) {
      showSignedOut();
      showError('Cannot reach Slotboard', 'Check your connection and reload the page.');
    }
  }

  async function loadConfig() {
    try {
      const response = await fetch('/config', { headers: { Accept: 'application/json' } });
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      const config = await response.json();
      platformUrl = config.platformUrl.replace(/\/+$/, '');
      platformOrigin = new URL(platformUrl).origin;
      signIn.dataset.clientId = config.clientId;
      signIn.dataset.redirectUri = config.redirectUri;
      signIn.disabled = false;
    }
    catch (error) {
      showError('The popup sign-in is unavailable', 'Continue in this window instead, or reload the page.');
    }
  }

  // popup sign-in

  function openLoginPopup() {
    clearError();
    const query = new URLSearchParams({
      client_id: signIn.dataset.clientId,
      redirect_uri: signIn.dataset.redirectUri,
      origin: window.location.origin,
    });
    const popup = window.open(platformUrl + '/oauth/login?' + query, 'altscodex-login',
      'popup,width=440,height=640');
    if (!popup) {
      showError('The login popup was blocked', 'Allow popups for this page, or continue in this window.');
      return;
    }
    showStatus('Waiting for the AltsCodex login window…');
  }

  async function login(jwt) {
    clearError();
    showStatus('Signing in…');
    signIn.disabled = true;
    try {
      const response = await post('/login', { jwt });
      if (response.ok) {
        showStatus('');
        // GET /me rather than the sign-in's answer: it also holds the authorities the
        // user's roles give, which are added to each request after signing in
        await loadSession();
      }
      else {
        await showProblem(response);
      }
    }
    catch (error) {
      showError('Cannot reach Slotboard', 'Check your connection and try again.');
    }
    finally {
      signIn.disabled = platformUrl === null;
    }
  }

  // Only the AltsCodex platform may hand us a JWT: check who sent the message.
  window.addEventListener('message', (event) => {
    if (platformOrigin === null || event.origin !== platformOrigin || !event.data
        || typeof event.data !== 'object') {
      return;
    }
    if (event.data.type === 'altscodex:jwt' && typeof event.data.jwt === 'string') {
      login(event.data.jwt);
    }
    else if (event.data.type === 'altscodex:cancel') {
      showStatus('Sign-in cancelled. You can try again whenever you like.');
    }
  });

  // sign-out

  async function signOut() {
    clearError();
    const button = byId('sign-out');
    button.disabled = true;
    try {
      const response = await post('/logout');
      if (response.ok) {
        showSignedOut();
        showStatus('You are signed out.');
      }
      else {
        await showProblem(response);
      }
    }
    catch (error) {
      showError('Cannot reach Slotboard', 'You are still signed in. Check your connection and try again.');
    }
    finally {
      button.disabled = false;
    }
  }

  signIn.addEventListener('click', openLoginPopup);
  byId('sign-in-redirect').addEventListener('click', () => showStatus('Going to AltsCodex…'));
  byId('sign-out').addEventListener('click', signOut);

  show('loading');
  showErrorFromAddress();
  loadConfig();
  loadSession();
})();
