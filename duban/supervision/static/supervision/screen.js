/* 督查大屏: draws #screen-data, then refetches the same JSON (data-source) every
 * data-refresh seconds and redraws. ECharts is vendored; no inline script or style. */
(function () {
  "use strict";
  var root = document.getElementById("screen");
  var ink = "#e6edf7", dim = "#93a7c4", grid = "#1f3658";
  var font = "WenQuanYi Zen Hei, Noto Sans CJK SC, sans-serif";
  var charts = {};

  function chart(id) {
    if (!charts[id]) {
      var el = document.getElementById(id);
      if (!el || !window.echarts) { return null; }
      charts[id] = window.echarts.init(el, null, { renderer: "canvas" });
    }
    return charts[id];
  }

  function base(extra) {
    // richText tooltips are drawn on the canvas: HTML ones carry style="" (blocked by the CSP)
    var option = {
      backgroundColor: "transparent", animation: false,
      textStyle: { fontFamily: font, color: ink, fontSize: 16 },
      tooltip: { trigger: "axis", renderMode: "richText" },
      legend: { top: 0, textStyle: { color: ink, fontSize: 16 }, itemWidth: 18, itemHeight: 12 }
    };
    Object.keys(extra).forEach(function (k) { option[k] = extra[k]; });
    return option;
  }

  var valueAxis = {
    type: "value", minInterval: 1, axisLabel: { color: dim, fontSize: 15 },
    splitLine: { lineStyle: { color: grid } }
  };

  // Horizontal stacked bars: the first group (the most red) on top, so the lists are reversed.
  function bars(group) {
    return base({
      grid: { left: 10, right: 24, top: 34, bottom: 6, containLabel: true },
      xAxis: valueAxis,
      yAxis: {
        type: "category", data: group.labels.slice().reverse(),
        axisLabel: { color: ink, fontSize: 16, width: 210, overflow: "truncate" },
        axisLine: { lineStyle: { color: grid } }, axisTick: { show: false }
      },
      series: group.series.map(function (s) {
        return { name: s.name, type: "bar", stack: "all", barMaxWidth: 26,
                 data: s.data.slice().reverse(), itemStyle: { color: s.color } };
      })
    });
  }

  function options(data) {
    var trend = data.trend.series.map(function (s) {
      return { name: s.name + "灯", type: "bar", stack: "all", barMaxWidth: 40,
               data: s.data, itemStyle: { color: s.color } };
    });
    trend.push({ name: "达到序时进度（%）", type: "line", yAxisIndex: 1, data: data.trend.on_track,
                 symbolSize: 8, lineStyle: { width: 3, color: "#7dd3fc" },
                 itemStyle: { color: "#7dd3fc" } });
    var sections = { labels: data.sections.labels, series: data.sections.series.map(function (s) {
      return { name: s.name + "灯", data: s.data, color: s.color };
    }) };
    return {
      "screen-colours": base({
        tooltip: { trigger: "item", renderMode: "richText" },
        legend: { bottom: 0, textStyle: { color: ink, fontSize: 16 } },
        series: [{
          type: "pie", radius: ["38%", "66%"], center: ["50%", "46%"],
          itemStyle: { borderColor: "#12223a", borderWidth: 3 },
          label: { color: ink, fontSize: 18, formatter: "{b}\n{c}项" },
          data: data.colours.map(function (c) {
            var shown = c.value > 0;  // no label for an empty light (they would overlap)
            return { name: c.name + "灯", value: c.value, itemStyle: { color: c.color },
                     label: { show: shown }, labelLine: { show: shown } };
          })
        }]
      }),
      "screen-sections": bars(sections),
      "screen-units": bars(data.units),
      "screen-leaders": bars(data.leaders),
      "screen-trend": base({
        grid: { left: 10, right: 10, top: 40, bottom: 6, containLabel: true },
        xAxis: { type: "category", data: data.trend.labels,
                 axisLabel: { color: ink, fontSize: 15 }, axisLine: { lineStyle: { color: grid } } },
        yAxis: [valueAxis, { type: "value", max: 100, axisLabel: { color: dim, fontSize: 15, formatter: "{value}%" },
                             splitLine: { show: false } }],
        series: trend
      })
    };
  }

  function cell(tr, text, cls) {
    var td = document.createElement("td");
    if (cls) { td.className = cls; }
    if (text !== null) { td.textContent = text; }
    tr.appendChild(td);
    return td;
  }

  function fillAttention(attention) {
    var body = document.getElementById("screen-attention");
    var fresh = document.createDocumentFragment();
    attention.rows.forEach(function (r) {
      var tr = document.createElement("tr");
      cell(tr, String(r.number), "num");
      cell(tr, r.text, "text").title = r.text;
      cell(tr, r.unit, "unit");
      cell(tr, r.elapsed, "num");
      var badge = document.createElement("span");
      badge.className = "badge light-" + r.colour;
      badge.textContent = r.status;
      cell(tr, null, null).appendChild(badge);
      fresh.appendChild(tr);
    });
    if (!attention.rows.length) {
      var none = document.createElement("tr");
      cell(none, "无逾期或滞后任务。", "none").colSpan = 5;
      fresh.appendChild(none);
    }
    body.replaceChildren(fresh);
  }

  function fill(data) {
    var texts = {
      title: data.document.title, as_of_label: data.as_of_label, updated: data.updated,
      units_note: data.units.note, leaders_note: data.leaders.note
    };
    var figures = Object.assign({ attention: data.attention.total }, data.figures);
    root.querySelectorAll("[data-figure]").forEach(function (el) {
      var key = el.getAttribute("data-figure");
      if (key in figures) { el.textContent = String(figures[key]); }
    });
    root.querySelectorAll("[data-text]").forEach(function (el) {
      var key = el.getAttribute("data-text");
      if (key in texts) { el.textContent = texts[key]; }
    });
    document.title = "督查大屏 · " + data.document.title;
    fillAttention(data.attention);
  }

  function render(data) {
    fill(data);
    var all = options(data);
    Object.keys(all).forEach(function (id) {
      var c = chart(id);
      if (c) { c.setOption(all[id], true); }
    });
  }

  function say(message) {
    document.getElementById("screen-status").textContent = message;
  }

  function Refusal(message) { this.message = message; }

  function refresh() {
    var url = root.getAttribute("data-source");
    return window.fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.redirected) { throw new Refusal("登录已失效，请重新登录"); }
        if (response.status === 404) { throw new Refusal("未找到该任务文件，或无权查看"); }
        if (!response.ok) { throw new Refusal("服务器暂时无法响应"); }
        return response.json();
      })
      .then(function (data) { render(data); say(""); })
      .catch(function (err) {
        // the last figures stay up; the next tick tries again
        say("· 刷新失败：" + (err instanceof Refusal ? err.message : "无法连接服务器") + "，稍后自动重试");
      });
  }

  render(JSON.parse(document.getElementById("screen-data").textContent));
  var seconds = parseInt(root.getAttribute("data-refresh"), 10) || 300;
  window.setInterval(refresh, seconds * 1000);
  window.addEventListener("resize", function () {
    Object.keys(charts).forEach(function (id) { charts[id].resize(); });
  });
  window.dubanScreen = { charts: charts, refresh: refresh };
})();
