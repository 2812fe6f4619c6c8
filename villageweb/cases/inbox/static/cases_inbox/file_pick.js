// A reply's document field in Indonesian. Without this script: the browser's own file input, whose
// button and "No file chosen" are in the browser's language (English on many officials' laptops).
// With it: the field's label becomes the button (tulis_kabar.css, ".photo-pick") and the chosen
// file's name is said below it, in Indonesian.
(function () {
  function init() {
    var inputs = document.querySelectorAll(".photo-pick input[type=file]");
    if (!inputs.length) {
      return;
    }
    document.documentElement.classList.add("js");
    Array.prototype.forEach.call(inputs, function (input) {
      var chosen = document.getElementById(input.id + "_chosen");
      function update() {
        chosen.textContent =
          input.files && input.files.length ? "Dipilih: " + input.files[0].name : "Belum ada dokumen dipilih.";
      }
      input.addEventListener("change", update);
      update();
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
