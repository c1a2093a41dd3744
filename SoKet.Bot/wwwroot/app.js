// Starts Microsoft Web Chat against the bot's own Direct Line 3.0 subset (served under /v3/directline).
(async function () {
  const status = document.getElementById('status');
  function showStatus(text) { status.textContent = text; status.hidden = false; }

  if (!window.WebChat) {
    showStatus('Không tải được giao diện trò chuyện. Đồng chí vui lòng tải lại trang.');
    return;
  }

  let session;
  try {
    const response = await fetch('/api/webchat/token', { credentials: 'same-origin', cache: 'no-store' });
    if (response.status === 401 || response.status === 403) {
      // Not signed in: to the sign-in page (or, with no sign-in configured, the server's explanation).
      const refusal = await response.json();
      if (refusal.signInUrl) { window.location.assign(refusal.signInUrl); return; }
      showStatus(refusal.error && refusal.error.message ? refusal.error.message : 'Đồng chí chưa được phép dùng trang này.');
      return;
    }
    if (!response.ok) throw new Error('HTTP ' + response.status);
    session = await response.json();
  } catch (error) {
    showStatus('Không kết nối được với Trợ lý sơ kết. Đồng chí vui lòng kiểm tra máy chủ và tải lại trang.');
    return;
  }

  // Signed in: who, and how to sign out (a POST with the antiforgery token the server gave with the session).
  if (session.page) {
    document.getElementById('account-name').textContent = session.page.userName || '';
    const form = document.getElementById('sign-out');
    form.action = session.page.signOutUrl;
    const token = document.getElementById('sign-out-token');
    token.name = session.page.antiforgeryField;
    token.value = session.page.antiforgeryToken;
    if (session.page.securityUrl) {
      const security = document.getElementById('account-security');
      security.href = session.page.securityUrl;
      security.hidden = false;
    }
    document.getElementById('account').hidden = false;
  }

  // The section editor: the bot's answer to «Mở trình soạn thảo» carries channelData.soketEditor; the page opens it
  // beside the chat (over it on a phone). Only same-origin editor addresses, each answer once.
  const openedEditors = new Set();
  const createStore = () => window.WebChat.createStore({}, () => (next) => (action) => {
    if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
      const activity = action.payload && action.payload.activity;
      const signal = activity && activity.channelData && activity.channelData.soketEditor;
      if (signal && activity.from && activity.from.id !== session.userId && typeof signal.url === 'string'
          && signal.url.startsWith('/editor?') && !openedEditors.has(activity.id)) {
        openedEditors.add(activity.id);
        openEditor(signal.url, String(signal.title || ''));
      }
    }
    return next(action);
  });

  function closeEditor() {
    document.getElementById('editor-panel')?.remove();
    document.body.classList.remove('with-editor');
  }

  function openEditor(url, title) {
    closeEditor();
    const panel = document.createElement('aside');
    panel.id = 'editor-panel';
    panel.className = 'editor-panel';
    panel.setAttribute('aria-label', 'Trình soạn thảo');
    const bar = document.createElement('div');
    bar.className = 'editor-bar';
    const name = document.createElement('span');
    name.textContent = 'Trình soạn thảo: ' + title;
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Đóng trình soạn thảo';
    close.addEventListener('click', closeEditor);
    bar.append(name, close);
    const frame = document.createElement('iframe');
    frame.title = 'Trình soạn thảo mục ' + title;
    frame.src = url;
    panel.append(bar, frame);
    document.body.append(panel);
    document.body.classList.add('with-editor');
  }

  window.addEventListener('message', (event) => {
    if (event.origin !== window.location.origin || !event.data) return;
    if (event.data.type === 'soket-editor-saved' || event.data.type === 'soket-editor-close') closeEditor();
  });

  let directLine = null;
  function connect(token) {
    directLine = window.WebChat.createDirectLine({
      domain: window.location.origin + '/v3/directline',
      token,
      webSocket: false,
      pollingInterval: session.pollingInterval
    });
    render(directLine);
  }

  // DirectLineJS stops polling for good after one failed request (its poller's error ends the stream), so a chat that
  // lost the network would stay silent: once the browser is back online, the same conversation is resumed (its token
  // names it) and its transcript read again from the start.
  let connectionLost = false;
  window.addEventListener('offline', () => { connectionLost = true; });
  window.addEventListener('online', () => {
    if (!connectionLost || !directLine) return;
    connectionLost = false;
    const token = directLine.token || session.token;
    directLine.end();
    connect(token);
  });

  connect(session.token);
  document.querySelector('#webchat input, #webchat textarea')?.focus();

  function render(line) {
    window.WebChat.renderWebChat(
      {
        directLine: line,
        store: createStore(),
        userID: session.userId,
        username: session.userName || 'Đồng chí',
        locale: 'vi-VN',
        styleOptions: {
          accent: '#b3121a',
          botAvatarInitials: 'SK',
          userAvatarInitials: 'ĐC',
          hideUploadButton: false,
          sendBoxTextWrap: true
        }
      },
      document.getElementById('webchat')
    );
  }
})();
