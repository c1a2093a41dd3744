// The section editor (served by SoKet at /editor, opened from a section card). The link's token goes with every API
// call; the draft is stored on the server every few seconds and, while offline, kept in localStorage and pushed
// when the connection is back. «Lưu vào báo cáo» saves with the version the text was started from: a conflict shows
// both texts and the person chooses; nothing is ever written over a colleague's text silently.
(function () {
  'use strict';
  const OFFLINE = 'Mất kết nối — nội dung được giữ trên máy này';
  const params = new URLSearchParams(window.location.search);
  const urlToken = params.get('t') || '';
  const inTeams = params.get('host') === 'teams';
  const conflictOnLoad = params.get('conflict') === '1';
  const $ = (id) => document.getElementById(id);
  const textarea = $('text');
  const saveButton = $('save');

  let token = sessionStorage.getItem('soket-editor-token:' + urlToken) || urlToken;
  let key = sessionStorage.getItem('soket-editor-key:' + urlToken) || '';
  let draftBase = 0;         // the report version the text in the box was started from
  let current = null;        // the section as the report holds it now {text, version, by, at}
  let dirty = false;         // typed since the last draft the server confirmed
  let inFlight = false;
  let readOnly = false;
  let storageKey = '';
  let maxLength = 20000;
  let pendingConflictText = null;

  function setStatus(text, offline) {
    $('status').textContent = text;
    $('status').parentElement.classList.toggle('offline', !!offline);
  }

  function notice(text) {
    const el = $('notice');
    el.textContent = text || '';
    el.hidden = !text;
  }

  function clock() {
    const d = new Date();
    return String(d.getHours()).padStart(2, '0') + ':' + String(d.getMinutes()).padStart(2, '0');
  }

  function requestId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  async function api(method, path, body) {
    const headers = { 'X-SoKet-Editor': token };
    if (key) headers['X-SoKet-Editor-Key'] = key;
    if (body) headers['Content-Type'] = 'application/json';
    const response = await fetch('/api/editor/' + path, {
      method, headers, body: body ? JSON.stringify(body) : undefined, credentials: 'same-origin', cache: 'no-store'
    });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (data && data.token) {
      token = data.token;
      sessionStorage.setItem('soket-editor-token:' + urlToken, token);
    }
    return { status: response.status, data };
  }

  function message(data, fallback) {
    return (data && data.error && data.error.message) || (data && data.message) || fallback;
  }

  // The copy kept on this device: written on every keystroke, marked pushed once the server has it.
  function readLocal() {
    if (!storageKey) return null;
    try { return JSON.parse(localStorage.getItem(storageKey) || 'null'); } catch (e) { return null; }
  }
  function writeLocal(pushed) {
    if (!storageKey) return;
    try {
      localStorage.setItem(storageKey, JSON.stringify({ text: textarea.value, basedOnVersion: draftBase, pushed, at: Date.now() }));
    } catch (e) { /* storage full or blocked: the server copy still works */ }
  }
  function clearLocal() { if (!storageKey) return; try { localStorage.removeItem(storageKey); } catch (e) { /* nothing kept */ } }

  // Counted as the report stores it (composed, NFC): Vietnamese pasted decomposed is longer in the box than in the report.
  // No maxlength on the box: the browser would cut a long paste silently; the count says it is too long instead, and
  // the server refuses the save with the reason.
  function count() {
    const length = textarea.value.normalize('NFC').length;
    const over = length > maxLength;
    $('count').textContent = length.toLocaleString('vi-VN') + '/' + maxLength.toLocaleString('vi-VN') + ' ký tự' +
      (over ? ' — dài quá ' + maxLength.toLocaleString('vi-VN') + ' ký tự, đề nghị đồng chí rút gọn trước khi lưu' : '');
    $('count').classList.toggle('over', over);
  }

  function fatal(text) {
    $('title').textContent = 'Không mở được trình soạn thảo';
    notice(text);
    textarea.disabled = true;
    saveButton.disabled = true;
    document.querySelector('main').setAttribute('aria-busy', 'false');
  }

  async function load() {
    let response;
    try {
      response = await api('GET', 'section');
    } catch (e) {
      fatal('Không kết nối được với Trợ lý sơ kết. Đồng chí kiểm tra kết nối rồi tải lại trang.');
      return;
    }
    if (response.status !== 200 || !response.data) {
      fatal(message(response.data, 'Không mở được mục báo cáo này.'));
      return;
    }
    const d = response.data;
    if (d.key) {
      key = d.key;
      sessionStorage.setItem('soket-editor-key:' + urlToken, key);
    }
    document.title = d.title + ' — Trình soạn thảo';
    $('header').textContent = d.header;
    $('title').textContent = d.title;
    if (d.guidance) { $('guidance').textContent = 'Hướng dẫn của kế hoạch: ' + d.guidance; $('guidance').hidden = false; }
    maxLength = d.maxLength;
    readOnly = d.readOnly;
    // The copy on this device is the person's own (the key is theirs alone); one kept under the old name, per report
    // and section only, cannot be told apart from a colleague's on a shared computer, so it is removed unread.
    try { localStorage.removeItem('soket-editor-draft:' + d.reportId + ':' + d.sectionId); } catch (e) { /* nothing kept */ }
    storageKey = d.storageKey ? 'soket-editor-draft:' + d.storageKey : '';
    current = d.current;
    const reportText = current ? current.text : '';
    draftBase = current ? current.version : 0;
    let text = reportText;
    let local = readLocal();
    // The copy already is the report's text: a save went through but the page was reloaded before its answer cleared
    // the copy. Restored, it would carry the old version, and the next save would conflict with the person's own.
    if (local && typeof local.text === 'string' && local.text.normalize('NFC') === reportText.normalize('NFC')) {
      clearLocal();
      local = null;
    }
    if (local && !local.pushed && typeof local.text === 'string') {
      text = local.text;
      draftBase = local.basedOnVersion;
      dirty = true;
      notice('Đã khôi phục nội dung chưa lưu trên máy này.');
    } else if (d.draft) {
      text = d.draft.text;
      draftBase = d.draft.basedOnVersion;
      notice('Đã khôi phục bản nháp lưu lúc ' + d.draft.savedAt + '.');
      setStatus('Đã lưu nháp lúc ' + d.draft.savedAt);
    } else {
      setStatus(current ? 'Nội dung đang có trong báo cáo' : 'Mục chưa có nội dung');
    }
    textarea.value = text;
    textarea.disabled = readOnly;
    saveButton.disabled = readOnly;
    if (readOnly) notice('Báo cáo đã nộp, chỉ xem, không sửa.');
    count();
    document.querySelector('main').setAttribute('aria-busy', 'false');
    if (!readOnly) textarea.focus();

    // Started from an older version than the report holds now: the person sees both texts before anything is saved.
    const moved = (current ? current.version : 0) !== draftBase && text !== reportText;
    if (conflictOnLoad || moved) showConflict(current, text);

    if (dirty) push();
    window.setInterval(push, d.autosaveMs || 5000);
    // The link lives Editor:LinkLifetime from its last use, and a page in use renews it with every autosave. A page left
    // open unused (a meeting, the lunch break) renews it too, so what is typed when the clerk is back is still stored.
    window.setInterval(() => { if (!dirty && !inFlight) api('GET', 'section').catch(() => {}); }, d.renewMs || 300000);
  }

  async function push() {
    if (!dirty || inFlight || readOnly) return;
    if (!navigator.onLine) { setStatus(OFFLINE, true); return; }
    inFlight = true;
    const text = textarea.value;
    try {
      const response = await api('PUT', 'draft', { text, basedOnVersion: draftBase });
      if (response.status === 200) {
        if (textarea.value === text) { dirty = false; writeLocal(true); }
        setStatus('Đã lưu nháp lúc ' + response.data.savedAt);
      } else {
        setStatus(message(response.data, 'Chưa lưu được bản nháp.'), true);
      }
    } catch (e) {
      setStatus(OFFLINE, true);
    } finally {
      inFlight = false;
    }
  }

  function showConflict(report, mine) {
    pendingConflictText = mine;
    $('conflict-current').textContent = report ? report.text : '';
    $('conflict-who').textContent = report ? 'Đồng chí ' + (report.by || 'khác') + ' lưu lúc ' + report.at + ' (phiên bản ' + report.version + ')' : 'Mục chưa có nội dung';
    $('conflict-mine').textContent = mine;
    $('conflict-message').textContent = 'Nội dung của đồng chí chưa được lưu vào báo cáo. Đồng chí chọn giữ nội dung nào; có thể dùng nội dung trong báo cáo rồi bổ sung thêm.';
    current = report;
    $('conflict').hidden = false;
    $('conflict').scrollIntoView({ block: 'nearest' });
  }

  function hideConflict() {
    $('conflict').hidden = true;
    pendingConflictText = null;
  }

  async function save(text, basedOn) {
    saveButton.disabled = true;
    try {
      if (inTeams) { await submitInTeams(text, basedOn); return; }
      const response = await api('POST', 'save', { text, version: basedOn, requestId: requestId() });
      const d = response.data || {};
      switch (d.outcome) {
        case 'saved':
        case 'unchanged':
          draftBase = d.version;
          current = d.current;
          dirty = false;
          clearLocal();
          hideConflict();
          notice(d.message);
          setStatus('Đã lưu vào báo cáo lúc ' + clock());
          if (window.parent !== window) window.parent.postMessage({ type: 'soket-editor-saved' }, window.location.origin);
          break;
        case 'conflict':
          showConflict(d.current, text);
          setStatus('Chưa lưu vào báo cáo');
          break;
        default:
          setStatus(message(d, 'Chưa lưu được vào báo cáo.'), true);
      }
    } catch (e) {
      setStatus('Mất kết nối — chưa lưu vào báo cáo; nội dung được giữ trên máy này', true);
    } finally {
      saveButton.disabled = readOnly;
    }
  }

  // Teams: the dialog hands the text to the bot (task/submit), which saves it with the same version check; a
  // conflict already visible here is shown first.
  async function submitInTeams(text, basedOn) {
    const response = await api('GET', 'section');
    const now = response.data && response.data.current;
    if ((now ? now.version : 0) !== basedOn && (now ? now.text : '') !== text) {
      showConflict(now, text);
      return;
    }
    dirty = true;
    await push();
    clearLocal();
    window.microsoftTeams.dialog.url.submit({ token, text, version: basedOn });
  }

  function close() {
    push();
    if (inTeams && window.microsoftTeams) { window.microsoftTeams.dialog.url.submit(); return; }
    if (window.parent !== window) { window.parent.postMessage({ type: 'soket-editor-close' }, window.location.origin); return; }
    window.close();
  }

  textarea.addEventListener('input', () => {
    dirty = true;
    writeLocal(false);
    count();
    setStatus(navigator.onLine ? 'Đang soạn…' : OFFLINE, !navigator.onLine);
  });
  saveButton.addEventListener('click', () => save(textarea.value, draftBase));
  $('keep-mine').addEventListener('click', () => {
    const mine = pendingConflictText !== null ? pendingConflictText : textarea.value;
    textarea.value = mine;
    save(mine, current ? current.version : 0);
  });
  $('take-current').addEventListener('click', () => {
    textarea.value = current ? current.text : '';
    draftBase = current ? current.version : 0;
    dirty = true;
    writeLocal(false);
    hideConflict();
    count();
    notice('Đã dùng nội dung đang có trong báo cáo; đồng chí có thể bổ sung rồi lưu.');
    push();
  });
  $('close').addEventListener('click', close);
  window.addEventListener('online', () => push());
  window.addEventListener('offline', () => setStatus(OFFLINE, true));

  if (inTeams && window.microsoftTeams) {
    window.microsoftTeams.app.initialize().then(load, () => fatal('Không khởi động được hộp thoại Teams.'));
  } else {
    load();
  }
})();
