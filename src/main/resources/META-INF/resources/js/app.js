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
