// Sign in with AltsCodex, the popup way:
// 1. GET /config tells where the AltsCodex login page is and who we are (no secrets).
// 2. The login page, opened as a popup, posts {type: "altscodex:jwt", jwt} back to us.
// 3. POST /login exchanges the JWT on the server for the user's slot.
(function () {
  'use strict';

  const byId = (id) => document.getElementById(id);
  const signIn = byId('sign-in');
  let config = null;
  let platformOrigin = null;

  function showStatus(text) {
    byId('status').textContent = text;
  }

  function showError(title, detail) {
    showStatus('');
    byId('error-title').textContent = title;
    byId('error-detail').textContent = detail || '';
    byId('error').hidden = false;
  }

  function clearError() {
    byId('error').hidden = true;
  }

  function showUser(user) {
    showStatus('');
    byId('user-nickname').textContent = user.token_nickname || user.id || 'unknown';
    byId('user-id').textContent = user.id || '–';
    byId('user-address').textContent = user.content_address || '–';
    byId('user-transfers').textContent = (user.tr_cnt ?? '–').toString();
    byId('signed-out').hidden = true;
    byId('signed-in').hidden = false;
  }

  async function loadConfig() {
    try {
      const response = await fetch('/config', { headers: { Accept: 'application/json' } });
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      config = await response.json();
      platformOrigin = new URL(config.platformUrl).origin;
      signIn.disabled = false;
    }
    catch (error) {
      showError('Cannot load the configuration', error.message);
    }
  }

  function openLoginPopup() {
    clearError();
    const query = new URLSearchParams({
      client_id: config.clientId,
      redirect_uri: config.redirectUri,
      origin: window.location.origin,
    });
    const popup = window.open(config.platformUrl + '/oauth/login?' + query, 'altscodex-login',
      'popup,width=440,height=640');
    if (!popup) {
      showError('The login popup was blocked', 'Allow popups for this page and try again.');
      return;
    }
    showStatus('Waiting for the AltsCodex login popup…');
  }

  async function login(jwt) {
    showStatus('Signing in…');
    try {
      const response = await fetch('/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' },
        body: JSON.stringify({ jwt }),
      });
      const body = await response.json().catch(() => null);
      if (response.ok && body && body.success) {
        showUser(body.user);
      }
      else {
        // application/problem+json (RFC 9457): title and detail are meant for people
        showError((body && body.title) || 'Sign-in failed', (body && body.detail) || 'HTTP ' + response.status);
      }
    }
    catch (error) {
      showError('Sign-in failed', error.message);
    }
  }

  // Only the AltsCodex platform may hand us a JWT: check who sent the message.
  window.addEventListener('message', (event) => {
    if (event.origin !== platformOrigin || !event.data || typeof event.data !== 'object') {
      return;
    }
    if (event.data.type === 'altscodex:jwt' && typeof event.data.jwt === 'string') {
      login(event.data.jwt);
    }
    else if (event.data.type === 'altscodex:cancel') {
      showStatus('Sign-in cancelled.');
    }
  });

  signIn.addEventListener('click', openLoginPopup);
  byId('sign-in-again').addEventListener('click', () => {
    byId('signed-in').hidden = true;
    byId('signed-out').hidden = false;
    openLoginPopup();
  });

  loadConfig();
})();
