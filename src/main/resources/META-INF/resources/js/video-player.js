// Video pages: HLS through hls.js where the browser has Media Source Extensions, the browser's own HLS (Safari, iOS)
// otherwise, and the MP4 <source> when neither works. Chapter buttons seek. Served from 'self' (no inline script).
(function () {
  'use strict';
  var video = document.getElementById('player');
  if (!video) { return; }
  var hlsUrl = video.getAttribute('data-hls');
  if (window.Hls && window.Hls.isSupported() && hlsUrl) {
    // No worker: it would be a blob: script, which the Content-Security-Policy does not allow.
    var hls = new window.Hls({ enableWorker: false });
    hls.on(window.Hls.Events.ERROR, function (event, data) {
      if (data.fatal) {
        hls.destroy();
        video.src = video.querySelector('source').src;
      }
    });
    hls.loadSource(hlsUrl);
    hls.attachMedia(video);
  } else if (hlsUrl && video.canPlayType('application/vnd.apple.mpegurl')) {
    video.src = hlsUrl;
  }
  document.querySelectorAll('[data-seek]').forEach(function (button) {
    button.addEventListener('click', function () {
      video.currentTime = parseInt(button.getAttribute('data-seek'), 10) || 0;
      video.play();
    });
  });
}());
