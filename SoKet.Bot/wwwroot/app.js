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
    const response = await fetch('/api/webchat/token', { credentials: 'same-origin' });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    session = await response.json();
  } catch (error) {
    showStatus('Không kết nối được với Trợ lý sơ kết. Đồng chí vui lòng kiểm tra máy chủ và tải lại trang.');
    return;
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
      username: 'Đồng chí',
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
