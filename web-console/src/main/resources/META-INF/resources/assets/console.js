// Draws each dashboard chart from its own table (the table stays the source and the accessible view); a click on a
// bar follows the link of its row (the drill-down). Without JavaScript or chart.js the tables alone remain.
(function () {
  'use strict';
  function draw(figure) {
    var table = figure.querySelector('table.chart-data');
    var canvas = figure.querySelector('canvas');
    if (!table || !canvas || typeof Chart === 'undefined') {
      return;
    }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var labels = rows.map(function (r) { return r.cells[0].textContent.trim(); });
    var values = rows.map(function (r) { return Number(r.cells[1].getAttribute('data-value')); });
    var links = rows.map(function (r) { var a = r.cells[0].querySelector('a'); return a ? a.href : null; });
    figure.classList.add('drawn');
    new Chart(canvas, {
      type: 'bar',
      data: { labels: labels, datasets: [{ data: values, backgroundColor: '#1d4f91' }] },
      options: {
        indexAxis: 'y',
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
        onClick: function (event, elements) {
          if (elements.length && links[elements[0].index]) {
            window.location.href = links[elements[0].index];
          }
        },
        onHover: function (event, elements) {
          event.native.target.style.cursor = elements.length && links[elements[0].index] ? 'pointer' : 'default';
        }
      }
    });
    canvas.parentNode.style.height = Math.max(120, 36 * labels.length + 40) + 'px';
  }
  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('figure.chart'), draw);
  });
}());
