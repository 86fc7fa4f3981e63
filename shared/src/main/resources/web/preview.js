// The preferences page's preview: as the form changes, asks for the next digest with the settings as
// they stand (nothing is saved) and puts it in the live region. Debounced; a newer change aborts an
// older request. Without this script, the form's Preview button does the same with a page load.
(function () {
  var region = document.getElementById('preview');
  var form = document.querySelector('form.preferences');
  if (!region || !form || !window.fetch || !window.AbortController) {
    return;
  }
  var timer = 0;
  var inFlight = null;

  function refresh() {
    if (inFlight) {
      inFlight.abort();
    }
    var controller = new AbortController();
    inFlight = controller;
    var query = new URLSearchParams(new FormData(form)).toString();
    region.setAttribute('aria-busy', 'true');
    fetch(region.getAttribute('data-from') + '?' + query, {signal: controller.signal, headers: {Accept: 'text/html'}})
      .then(function (response) {
        if (response.status !== 200 && response.status !== 400) {
          throw new Error('preview answered ' + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        region.innerHTML = html; // our own escaped fragment
      })
      .catch(function (error) {
        if (error.name !== 'AbortError') {
          region.textContent = 'The preview cannot be shown just now; it tries again with your next change.';
        }
      })
      .finally(function () {
        if (inFlight === controller) {
          inFlight = null;
          region.removeAttribute('aria-busy');
        }
      });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  }

  form.addEventListener('input', later);
  form.addEventListener('change', later);
})();
