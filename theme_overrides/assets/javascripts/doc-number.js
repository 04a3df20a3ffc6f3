// The doc-number grammar (发文字号) in the browser: a port of generator/doc_number.py
// (parse_doc_number / canonicalize), so a number typed into the search box in any common
// variant — 绍政发[2017]7号, 绍政发2017年7号, full-width digits, an outer bracket — is
// looked up under the same canonical form the generator wrote (search/numbers/*.json).
// tests/test_search_lookup.py runs this file in Chromium over the cases of
// tests/test_doc_number.py and compares it with the Python canonicalize: change both together.
(function (global) {
  "use strict";
  var CJK = "\\u3400-\\u4dbf\\u4e00-\\u9fff";
  var OPEN = "\\[［〔(（【";
  var CLOSE = "\\]］〕)）】";
  var DIGIT = "0-9０-９";
  var SP = "[ \\t\\u3000]*";

  var YEAR_BRACKET = new RegExp(
    "[" + OPEN + "]" + SP + "([12１２][" + DIGIT + "]{3})" + SP + "[" + CLOSE + "]" + SP + "第?" + SP +
    "([" + DIGIT + "]{1,5})" + SP + "号", "g");
  var SERIES_BEFORE = new RegExp("([" + CJK + "]{1,24})" + SP + "$");
  var ORDER = new RegExp("([" + CJK + "]{2,24})令" + SP + "第" + SP + "([" + DIGIT + "]{1,5})" + SP + "号", "g");
  var QUERY = new RegExp(
    "^([" + CJK + "]{1,24})" + SP + "[" + OPEN + "]?" + SP + "([12１２][" + DIGIT + "]{3})" + SP +
    "[" + CLOSE + "年]?" + SP + "第?" + SP + "([" + DIGIT + "]{1,5})" + SP + "号?$");
  var LEAD_IN = new RegExp(
    "^.*(?:根据|依据|按照|参照|对照|详见|执行|落实|贯彻|印发|转发|废止|修订|修改|" +
    "简称|见|按|和|及|与|或|即|要|的|对|由|将|在|于|是|为|以)");
  var ORGAN_END = /(?:政府|国务院|部|局|委员会|委|署|院|厅|办|行|会|总局)$/;
  var MAX_SERIES = 12;
  var OPENERS = "[［〔(（【";
  var CLOSERS = "]］〕)）】";

  function halfWidthDigits(s) {
    return s.replace(/[０-９]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFF10 + 48); });
  }

  function digits(s) {
    return parseInt(halfWidthDigits(s), 10);
  }

  // Cut running text off the front of a series (根据浙政发 → 浙政发); [series, characters cut].
  function trimSeries(raw) {
    var m = LEAD_IN.exec(raw);
    var cut = m ? m[0].length : 0;
    var series = raw.slice(cut);
    if (series.length > MAX_SERIES) {
      cut += series.length - MAX_SERIES;
      series = series.slice(series.length - MAX_SERIES);
    }
    return [series, cut];
  }

  function number(series, year, serial, isOrder) {
    return {
      series: series, year: year, serial: serial, isOrder: isOrder,
      canonical: isOrder ? series + "令第" + serial + "号" : series + "〔" + year + "〕" + serial + "号",
      // the key the lookup is sharded by (generator.search._series_key)
      seriesKey: isOrder ? series + "令" : series
    };
  }

  // Every doc number in text, in order, with its span: find_doc_numbers.
  function findDocNumbers(text) {
    var found = [];
    var y;
    YEAR_BRACKET.lastIndex = 0;
    while ((y = YEAR_BRACKET.exec(text)) !== null) {
      var windowStart = Math.max(0, y.index - 30);
      var m = SERIES_BEFORE.exec(text.slice(windowStart, y.index));
      if (!m) continue;
      var trimmed = trimSeries(m[1]);
      if (!trimmed[0]) continue;
      found.push({ number: number(trimmed[0], digits(y[1]), digits(y[2]), false),
                   start: windowStart + m.index + trimmed[1], end: y.index + y[0].length });
    }
    if (text.indexOf("令") >= 0) {
      var o;
      ORDER.lastIndex = 0;
      while ((o = ORDER.exec(text)) !== null) {
        var organ = trimSeries(o[1]);
        if (organ[0].length < 2 || !ORGAN_END.test(organ[0])) continue;
        found.push({ number: number(organ[0], null, digits(o[2]), true),
                     start: o.index + organ[1], end: o.index + o[0].length });
      }
    }
    found.sort(function (a, b) { return a.start - b.start; });   // stable, as Python's sort
    return found;
  }

  // The doc number that text consists of (apart from brackets and spaces), else null.
  function parseDocNumber(text) {
    var stripped = halfWidthDigits((text || "").replace(/\s+/g, ""));
    if (stripped.length > 2 && OPENERS.indexOf(stripped[0]) >= 0 &&
        CLOSERS.indexOf(stripped[stripped.length - 1]) >= 0) {
      var inner = stripped.slice(1, -1);
      if (findDocNumbers(inner).length) stripped = inner;
    }
    var first = findDocNumbers(stripped)[0];
    if (first && first.start === 0 && first.end === stripped.length) return first.number;
    var q = QUERY.exec(stripped);
    if (q) return number(q[1], digits(q[2]), digits(q[3]), false);
    return null;
  }

  function canonicalize(text) {
    var n = parseDocNumber(text);
    return n ? n.canonical : null;
  }

  // FNV-1a (32 bit) over UTF-8 bytes: generator.urls.fnv1a, the one hash that names files the
  // browser computes the name of (doc-number lookup shards, search index buckets).
  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
  }
  // 8 hex digits: generator.urls.number_shard.
  function shard(seriesKey) {
    return ("00000000" + fnv1a(seriesKey).toString(16)).slice(-8);
  }

  global.GazetteDocNumber = {
    findDocNumbers: findDocNumbers, parseDocNumber: parseDocNumber, canonicalize: canonicalize, shard: shard,
    fnv1a: fnv1a
  };
})(window);
