// Tulis Kabar without this script: the browser's own file input and every alt-text field. With it:
// an Indonesian "Ambil atau pilih foto" button, the names of the chosen photos, and one alt-text
// field per chosen photo (fields with text or an error stay shown).
(function () {
  var input = document.getElementById("id_photos");
  var chosen = document.getElementById("id_photos_chosen");
  if (!input || !chosen) {
    return;
  }
  document.documentElement.classList.add("js");
  var alts = Array.prototype.slice.call(document.querySelectorAll("[data-alt]"));
  function update() {
    var files = input.files ? Array.prototype.slice.call(input.files) : [];
    chosen.textContent = files.length
      ? files.length + " foto dipilih: " + files.map(function (file) { return file.name; }).join(", ")
      : "Belum ada foto dipilih.";
    alts.forEach(function (field, index) {
      var keep = field.classList.contains("has-error") || field.querySelector("input").value;
      field.hidden = index >= files.length && !keep;
    });
  }
  input.addEventListener("change", update);
  update();
})();
