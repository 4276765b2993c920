// Yizhan's one script: progressive enhancement only. Every page works without it.
"use strict";
(function () {
  // An ID number (GB 11643) checked as it is typed; the server checks it again.
  var weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  var checks = "10X98765432";
  function idNumberProblem(value) {
    if (value === "") return "";
    if (!/^\d{17}[\dX]$/.test(value)) return "18 位,最后一位可为 X";
    var sum = 0;
    for (var i = 0; i < 17; i++) sum += Number(value.charAt(i)) * weights[i];
    return checks.charAt(sum % 11) === value.charAt(17) ? "" : "校验位不对,请核对";
  }
  document.querySelectorAll("input[data-id-number]").forEach(function (input) {
    var note = document.getElementById(input.id + "-live");
    input.addEventListener("input", function () {
      input.value = input.value.toUpperCase();
      var problem = idNumberProblem(input.value);
      input.setCustomValidity(problem);
      if (note) note.textContent = problem;
    });
  });
  // A head-count is for unnamed people: it is set aside while a client is ticked.
  var headCount = document.getElementById("headCount");
  if (headCount) {
    var boxes = document.querySelectorAll("input[name=clients]");
    var update = function () {
      var named = Array.prototype.some.call(boxes, function (box) { return box.checked; });
      headCount.disabled = named;
    };
    boxes.forEach(function (box) { box.addEventListener("change", update); });
    update();
  }
})();
