// Confirmation before destructive actions: <form data-confirm="Remove …?">. Kept in a file (not inline
// handlers) so the Content-Security-Policy can forbid inline scripts.
document.addEventListener('submit', function (event) {
  var message = event.target.getAttribute && event.target.getAttribute('data-confirm');
  if (message && !window.confirm(message)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);
// Copy buttons: <button data-copy="#element-id">.
document.addEventListener('click', function (event) {
  var button = event.target.closest && event.target.closest('[data-copy]');
  if (!button) { return; }
  var source = document.querySelector(button.getAttribute('data-copy'));
  if (source && navigator.clipboard) {
    navigator.clipboard.writeText(source.value || source.textContent).then(function () {
      button.setAttribute('data-copied', 'true');
      var status = document.getElementById(button.getAttribute('aria-controls') || '');
      if (status) { status.textContent = 'Copied to clipboard'; }
    });
  }
});
// A section htmx could not update says so (htmx swaps no error answer, so it would otherwise just stay as it was).
function showUpdateError(text) {
  var box = document.getElementById('htmx-error');
  if (!box) {
    box = document.createElement('div');
    box.id = 'htmx-error';
    box.className = 'flash error';
    box.setAttribute('role', 'alert');
    var main = document.getElementById('main');
    if (!main) { return; }
    main.insertBefore(box, main.firstChild);
  }
  box.textContent = text;
}
document.addEventListener('htmx:responseError', function (event) {
  showUpdateError('This section could not be updated (error ' + event.detail.xhr.status + '). Reload the page to try again.');
});
document.addEventListener('htmx:sendError', function () {
  showUpdateError('This section could not be updated: the server did not answer. Check your connection and reload the page.');
});
