// Confirmation before destructive actions: <form data-confirm="Remove …?">. An in-page <dialog> asks (focus starts on
// Cancel, Escape cancels, the confirming button repeats the action's own label), not the browser's confirm(), which
// cannot be styled or read well. Kept in a file (not inline handlers) so the Content-Security-Policy can forbid
// inline scripts. Without JavaScript the form submits as it is (docs/decisions/0174-danger-and-confirmation.md).
var confirmDialog;
function askToConfirm(form, submitter) {
  if (!confirmDialog) {
    confirmDialog = document.createElement('dialog');
    confirmDialog.className = 'confirm-dialog';
    confirmDialog.setAttribute('aria-labelledby', 'confirm-dialog-message');
    confirmDialog.innerHTML = '<form method="dialog"><p id="confirm-dialog-message"></p><div class="actions">'
      + '<button type="submit" value="cancel" class="secondary" autofocus>Cancel</button>'
      + '<button type="submit" value="confirm" class="danger"></button></div></form>';
    document.body.appendChild(confirmDialog);
  }
  confirmDialog.querySelector('#confirm-dialog-message').textContent = form.getAttribute('data-confirm');
  var label = submitter && submitter.textContent.trim();
  confirmDialog.querySelector('button[value=confirm]').textContent = label || 'Confirm';
  confirmDialog.returnValue = '';
  confirmDialog.onclose = function () {
    if (confirmDialog.returnValue === 'confirm') {
      form.setAttribute('data-confirmed', 'true');
      if (form.requestSubmit) { form.requestSubmit(submitter || undefined); } else { form.submit(); }
    } else if (submitter) {
      submitter.focus();
    }
  };
  confirmDialog.showModal();
  confirmDialog.querySelector('button[value=cancel]').focus();
}
document.addEventListener('submit', function (event) {
  var form = event.target;
  var message = form.getAttribute && form.getAttribute('data-confirm');
  if (!message) { return; }
  if (form.getAttribute('data-confirmed') === 'true') {
    form.removeAttribute('data-confirmed');
    return;
  }
  event.preventDefault();
  event.stopImmediatePropagation();
  askToConfirm(form, event.submitter);
}, true);
// The header's Menu button on a phone: shown only when this script runs, so without it the menu stays visible.
document.addEventListener('DOMContentLoaded', function () {
  var toggle = document.querySelector('.nav-toggle');
  if (!toggle) { return; }
  var nav = toggle.closest('.nav');
  toggle.hidden = false;
  nav.classList.add('has-toggle');
  toggle.addEventListener('click', function () {
    var open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    nav.classList.toggle('open', open);
  });
});
// A form error the server renders for htmx (answered 4xx with X-Form-Error) is swapped in like a success, so the
// message shows on the form instead of the generic "could not be updated" notice.
document.addEventListener('htmx:beforeSwap', function (event) {
  var xhr = event.detail.xhr;
  if (xhr.status >= 400 && xhr.status < 500 && xhr.getResponseHeader('X-Form-Error') === 'true') {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
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
