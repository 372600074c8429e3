// Resumable video upload (docs/decisions/0195-video-storage-and-resumable-upload.md): announce the file, then PUT it in
// chunks, each saying where it starts (Upload-Offset). The server answers with the offset it holds, so after a dropped
// connection or a reload the same file continues where the server's copy ends. Served from 'self' (no inline script).
(function () {
  'use strict';
  var form = document.getElementById('video-upload');
  if (!form) { return; }
  var fileInput = document.getElementById('file');
  var titleInput = document.getElementById('title');
  var bar = document.getElementById('upload-progress');
  var status = document.getElementById('upload-status');
  var dropzone = document.getElementById('dropzone');
  var chunkSize = parseInt(form.getAttribute('data-chunk-size'), 10) || 8 * 1024 * 1024;
  var csrf = JSON.parse(document.body.getAttribute('hx-headers') || '{}')['X-CSRF-Token'] || '';

  function say(text, link) {
    status.textContent = text;
    if (link) {
      var a = document.createElement('a');
      a.href = link.href;
      a.textContent = link.text;
      status.appendChild(document.createTextNode(' '));
      status.appendChild(a);
    }
  }

  function show(done, total) {
    var percent = total ? Math.floor(done * 1000 / total) / 10 : 0;
    bar.hidden = false;
    bar.value = percent;
    bar.textContent = percent + '%';
    say('Uploaded ' + percent + '% (' + Math.round(done / 1048576) + ' of ' + Math.round(total / 1048576) + ' MB).');
  }

  function storageKey(file) {
    return 'dailydoco-upload:' + form.getAttribute('data-project') + ':' + file.name + ':' + file.size + ':' + file.lastModified;
  }

  function request(method, url, body, headers, onProgress) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open(method, url);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('X-CSRF-Token', csrf);
      Object.keys(headers || {}).forEach(function (k) { xhr.setRequestHeader(k, headers[k]); });
      if (onProgress) { xhr.upload.onprogress = function (e) { onProgress(e.loaded); }; }
      xhr.onload = function () {
        var json = {};
        try { json = JSON.parse(xhr.responseText || '{}'); } catch (ignored) { json = {}; }
        resolve({ status: xhr.status, json: json });
      };
      xhr.onerror = function () { reject(new Error('network')); };
      xhr.send(body);
    });
  }

  // The length the browser can read from the file itself; empty when it can't (the server probes it anyway).
  function readDuration(file) {
    return new Promise(function (resolve) {
      var video = document.createElement('video');
      var url = URL.createObjectURL(file);
      var done = function (value) { URL.revokeObjectURL(url); resolve(value); };
      var timer = setTimeout(function () { done(''); }, 5000);
      video.preload = 'metadata';
      video.onloadedmetadata = function () { clearTimeout(timer); done(isFinite(video.duration) ? String(video.duration) : ''); };
      video.onerror = function () { clearTimeout(timer); done(''); };
      video.src = url;
    });
  }

  function wait(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }

  async function resumeOrStart(file) {
    var key = storageKey(file);
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(key) || 'null'); } catch (ignored) { saved = null; }
    if (saved) {
      var state = await request('GET', saved.uploadUrl);
      if (state.status === 200 && !state.json.complete) {
        say('Continuing an earlier upload of this file.');
        return { uploadUrl: saved.uploadUrl, pageUrl: saved.pageUrl, offset: state.json.offset, length: state.json.length };
      }
      localStorage.removeItem(key);
    }
    say('Checking the file…');
    var duration = await readDuration(file);
    var body = new URLSearchParams();
    body.set('title', titleInput.value);
    body.set('size', String(file.size));
    body.set('duration', duration);
    var started = await request('POST', form.action, body.toString(),
      { 'Content-Type': 'application/x-www-form-urlencoded' });
    if (started.status !== 201) {
      var problem = started.json || {};
      say(problem.detail || 'The upload could not start (' + started.status + ').',
        problem.upgradeUrl ? { href: problem.upgradeUrl, text: 'Upgrade on the Billing page.' } : null);
      return null;
    }
    localStorage.setItem(key, JSON.stringify({ uploadUrl: started.json.uploadUrl, pageUrl: started.json.pageUrl }));
    return started.json;
  }

  async function send(file) {
    var upload = await resumeOrStart(file);
    if (!upload) { return; }
    var offset = upload.offset;
    var failures = 0;
    while (offset < upload.length) {
      var end = Math.min(offset + chunkSize, upload.length);
      var from = offset;
      try {
        var answer = await request('PUT', upload.uploadUrl, file.slice(from, end),
          { 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(from) },
          function (loaded) { show(from + loaded, upload.length); });
        if (answer.status === 200 || answer.status === 409) {
          offset = answer.json.offset;
          failures = 0;
          show(offset, upload.length);
          if (answer.json.complete) { break; }
          if (answer.status === 409) { await wait(1000); }
        } else if (answer.status >= 500 || answer.status === 0) {
          throw new Error('server');
        } else {
          say((answer.json && answer.json.detail) || 'The upload was refused (' + answer.status + ').');
          return;
        }
      } catch (e) {
        failures += 1;
        if (failures > 30) {
          say('The connection keeps failing. Choose the same file again later to continue.');
          return;
        }
        say('Connection lost; trying again…');
        await wait(Math.min(30000, 1000 * failures));
        var state = await request('GET', upload.uploadUrl).catch(function () { return null; });
        if (state && state.status === 200) { offset = state.json.offset; }
      }
    }
    localStorage.removeItem(storageKey(file));
    say('Uploaded. Processing starts now…');
    window.location.assign(upload.pageUrl);
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var file = fileInput.files && fileInput.files[0];
    if (!file) { say('Choose a video file.'); return; }
    if (!titleInput.value.trim()) { titleInput.value = file.name.replace(/\.[^.]+$/, ''); }
    form.querySelector('button[type=submit]').disabled = true;
    send(file).finally(function () { form.querySelector('button[type=submit]').disabled = false; });
  });

  ['dragenter', 'dragover'].forEach(function (type) {
    dropzone.addEventListener(type, function (e) { e.preventDefault(); dropzone.classList.add('dragging'); });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    dropzone.addEventListener(type, function () { dropzone.classList.remove('dragging'); });
  });
  dropzone.addEventListener('drop', function (e) {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) {
      fileInput.files = e.dataTransfer.files;
      say('Chosen: ' + e.dataTransfer.files[0].name);
    }
  });
}());
