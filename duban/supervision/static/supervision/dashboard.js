/* 督查看板 charts: reads the #chart-data JSON written by the page; ECharts is vendored. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var charts = [];
  function init(id, option) {
    var el = document.getElementById(id);
    if (!el || !window.echarts) { return; }
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option);
    charts.push(chart);
  }
  var text = { fontFamily: "WenQuanYi Zen Hei, sans-serif" };
  // Tooltips are drawn on the canvas (richText): ECharts' HTML tooltips carry style=""
  // attributes, which the Content-Security-Policy blocks.
  init("chart-colours", {
    textStyle: text, animation: false,
    tooltip: { trigger: "item", renderMode: "richText" },
    series: [{
      type: "pie", radius: ["35%", "65%"],
      data: data.colours.map(function (c) {
        return { name: c.name + "灯", value: c.value, itemStyle: { color: c.color } };
      }),
      label: { formatter: "{b} {c}项" }
    }]
  });
  function stacked(labels, series) {
    return series.map(function (s) {
      return { name: s.name + "灯", type: "bar", stack: "all", data: s.data,
               itemStyle: { color: s.color } };
    });
  }
  init("chart-sections", {
    textStyle: text, animation: false, tooltip: { trigger: "axis", renderMode: "richText" },
    legend: {}, grid: { left: 40, right: 10, bottom: 60 },
    xAxis: { type: "category", data: data.sections.labels, axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: "value", name: "项" },
    series: stacked(data.sections.labels, data.sections.series)
  });
  var trend = stacked(data.trend.labels, data.trend.series);
  trend.push({ name: "达到序时进度（%）", type: "line", yAxisIndex: 1, data: data.trend.on_track });
  init("chart-trend", {
    textStyle: text, animation: false, tooltip: { trigger: "axis", renderMode: "richText" },
    legend: {}, grid: { left: 40, right: 40, bottom: 40 },
    xAxis: { type: "category", data: data.trend.labels },
    yAxis: [{ type: "value", name: "项" }, { type: "value", name: "%", max: 100 }],
    series: trend
  });
  window.dubanCharts = charts;
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
