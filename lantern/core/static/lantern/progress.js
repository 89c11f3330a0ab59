// Follows a running job (a submission, a linkage run): reads its counts every two seconds
// and updates the bar and every element marked data-count with the count of that name.
// The same counts are in the page itself, so a reload shows where it is.
(function () {
  "use strict";
  var box = document.getElementById("progress");
  if (!box) { return; }
  var bar = document.getElementById("progress-bar");
  var status = document.querySelector("[data-running]");
  function update() {
    fetch(box.getAttribute("data-url"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        bar.max = Math.max(data.total, data.read, 1);
        bar.value = data.read;
        Object.keys(data).forEach(function (key) {
          var cell = box.querySelector('[data-count="' + key + '"]');
          if (cell) { cell.textContent = data[key]; }
        });
        if (data.done) { window.location.reload(); } else { window.setTimeout(update, 2000); }
      })
      .catch(function () { window.setTimeout(update, 5000); });
  }
  if (status && status.getAttribute("data-running") === "1") {
    window.setTimeout(update, 1000);
  }
})();
