// Tulis Kabar without this script: the browser's own file input, every alt-text field and a plain
// upload (the server shrinks the photos). With it: the names of the chosen photos, one alt-text field
// per chosen photo (fields with text or an error stay shown), and on sending, each photo shrunk on the
// phone to the size the site stores (its long side, data-photo-long-side) before it goes over a weak
// signal, with the progress shown; a photo the phone cannot shrink and that is over the site's limit
// (data-max-upload) is refused before anything is sent.
(function () {
  var QUALITY = 0.82;

  function megabytes(size) {
    return (size / (1024 * 1024)).toFixed(1).replace(".", ",");
  }

  // One photo as a smaller JPEG (PNG when it may be transparent), turned upright by its EXIF; the
  // file itself when it is small already or the browser cannot read it.
  function shrink(file, longSide) {
    if (!window.createImageBitmap || !/^image\//.test(file.type)) {
      return Promise.resolve(file);
    }
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(
      function (bitmap) {
        var scale = Math.min(1, longSide / Math.max(bitmap.width, bitmap.height));
        var png = file.type === "image/png" || file.type === "image/gif";
        if (scale === 1 && (png || file.size < 400 * 1024)) {
          return file;
        }
        var canvas = document.createElement("canvas");
        canvas.width = Math.round(bitmap.width * scale);
        canvas.height = Math.round(bitmap.height * scale);
        canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        return new Promise(function (resolve) {
          canvas.toBlob(
            function (blob) {
              if (!blob || blob.size >= file.size) {
                resolve(file);
                return;
              }
              var name = file.name.replace(/\.[^.]*$/, "") + (png ? ".png" : ".jpg");
              resolve(new File([blob], name, { type: blob.type }));
            },
            png ? "image/png" : "image/jpeg",
            QUALITY,
          );
        });
      },
      function () {
        return file;
      },
    );
  }

  function init() {
    var form = document.querySelector("form[data-photo-long-side]");
    var input = document.getElementById("id_photos");
    var chosen = document.getElementById("id_photos_chosen");
    var status = document.getElementById("pengiriman");
    if (!form || !status) {
      return;
    }
    document.documentElement.classList.add("js");
    var longSide = Number(form.getAttribute("data-photo-long-side"));
    var maxUpload = Number(form.getAttribute("data-max-upload"));
    var alts = Array.prototype.slice.call(document.querySelectorAll("[data-alt]"));
    var buttons = Array.prototype.slice.call(form.querySelectorAll("button[type=submit]"));
    var sending = false;
    // Not form.action: the buttons named "action" shadow that property.
    var target = form.getAttribute("action") || window.location.href;

    function files() {
      return input && input.files ? Array.prototype.slice.call(input.files) : [];
    }

    function update() {
      var list = files();
      chosen.textContent = list.length
        ? list.length + " foto dipilih: " + list.map(function (file) { return file.name; }).join(", ")
        : "Belum ada foto dipilih.";
      alts.forEach(function (field, index) {
        var keep = field.classList.contains("has-error") || field.querySelector("input").value;
        field.hidden = index >= list.length && !keep;
      });
    }

    function say(text) {
      status.textContent = text;
    }

    function done(text) {
      sending = false;
      buttons.forEach(function (button) { button.disabled = false; });
      say(text);
    }

    function send(data) {
      var request = new XMLHttpRequest();
      var bar = document.createElement("progress");
      bar.max = 100;
      bar.value = 0;
      var label = document.createElement("span");
      status.textContent = "";
      status.appendChild(bar);
      status.appendChild(label);
      label.textContent = " Mengirim…";
      request.upload.onprogress = function (event) {
        if (event.lengthComputable) {
          var percent = Math.round((event.loaded / event.total) * 100);
          bar.value = percent;
          label.textContent = " Mengirim " + percent + "% (" + megabytes(event.loaded) + " dari " +
            megabytes(event.total) + " MB)";
        }
      };
      request.upload.onload = function () {
        bar.value = 100;
        label.textContent = " Terkirim, menyimpan…";
      };
      request.onload = function () {
        if (request.status >= 500) {
          done("Server sedang bermasalah; kabar belum tentu tersimpan. Tekan tombol lagi sebentar lagi: " +
            "kiriman yang sama tidak akan tersimpan dua kali.");
          return;
        }
        if (request.responseURL && request.responseURL.split("?")[0] !== target.split("?")[0]) {
          window.location.assign(request.responseURL);
          return;
        }
        // The form again, with what to fix: shown in place of this one.
        var page = new DOMParser().parseFromString(request.responseText, "text/html");
        document.title = page.title;
        document.body.replaceWith(page.body);
        init();
        var summary = document.querySelector(".summary");
        if (summary) {
          summary.setAttribute("tabindex", "-1");
          summary.focus();
        }
      };
      request.onerror = request.ontimeout = function () {
        done("Sinyal terputus; kabar belum tentu tersimpan. Tekan tombol yang sama lagi: kiriman yang " +
          "sama tidak akan tersimpan dua kali, dan fotonya tetap terpilih.");
      };
      request.open("POST", target);
      request.send(data);
    }

    if (input && chosen) {
      input.addEventListener("change", update);
      update();
    }
    form.addEventListener("submit", function (event) {
      // Without photos there is nothing to shrink or to wait for: the browser sends the form itself.
      if (!files().length || !window.FormData || !window.XMLHttpRequest) {
        return;
      }
      event.preventDefault();
      if (sending) {
        return;
      }
      sending = true;
      var submitter = event.submitter;
      var data = new FormData(form);
      data.delete("action");
      if (submitter && submitter.name) {
        data.append("action", submitter.value);
      }
      buttons.forEach(function (button) { button.disabled = true; });
      var list = files();
      say("Memperkecil foto…");
      Promise.all(list.map(function (file) { return shrink(file, longSide); })).then(function (ready) {
        var tooBig = ready.filter(function (file) { return maxUpload && file.size > maxUpload; });
        if (tooBig.length) {
          done("Foto " + tooBig.map(function (file) { return file.name + " (" + megabytes(file.size) + " MB)"; })
            .join(", ") + " terlalu besar; paling besar " + megabytes(maxUpload) +
            " MB. Belum ada yang dikirim. Pilih foto lain.");
          return;
        }
        if (input) {
          data.delete(input.name);
          ready.forEach(function (file) { data.append(input.name, file, file.name); });
        }
        // The one-time key last, as in the page: a send cut short arrives without it.
        var key = data.get("submission_key");
        data.delete("submission_key");
        data.append("submission_key", key);
        send(data);
      });
    });
  }

  init();
})();
