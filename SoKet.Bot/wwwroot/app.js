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

  const directLine = window.WebChat.createDirectLine({
    domain: window.location.origin + '/v3/directline',
    token: session.token,
    webSocket: false,
    pollingInterval: session.pollingInterval
  });

  window.WebChat.renderWebChat(
    {
      directLine,
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
  document.querySelector('#webchat input, #webchat textarea')?.focus();
})();
