"use strict";
(function () {
  const params = new URLSearchParams(location.search);
  const token = params.get("token");
  const suffix = token ? "?token=" + encodeURIComponent(token) : "";
  const base = location.pathname.replace(/\/+$/, "");
  document.getElementById("tasksLink").href = base.replace(/\/runtime$/, "/tasks") + suffix;
  const history = [];
  const HISTORY = 120;

  function text(id, value) {
    const el = document.getElementById(id);
    if (el.textContent !== value) {
      el.textContent = value;
    }
  }

  function count(n) {
    if (n >= 1e6) { return (n / 1e6).toFixed(2) + "M"; }
    if (n >= 1e4) { return (n / 1e3).toFixed(1) + "k"; }
    return n >= 100 ? Math.round(n).toString() : (Math.round(n * 10) / 10).toString();
  }

  function micros(us) {
    if (us >= 1e6) { return (us / 1e6).toFixed(2) + " s"; }
    if (us >= 1e3) { return (us / 1e3).toFixed(1) + " ms"; }
    return us.toFixed(1) + " µs";
  }

  function percent(f) {
    return Math.round(f * 100) + "%";
  }

  function renderWorkers(workers) {
    const box = document.getElementById("workers");
    while (box.children.length < workers.length) {
      const row = document.createElement("div");
      row.className = "worker";
      const name = document.createElement("span");
      const bar = document.createElement("div");
      bar.className = "bar";
      for (const part of ["busy", "idle", "parked"]) {
        const s = document.createElement("span");
        s.className = part;
        bar.appendChild(s);
      }
      const meta = document.createElement("span");
      meta.className = "meta";
      row.append(name, bar, meta);
      box.appendChild(row);
    }
    workers.forEach(function (w, i) {
      const row = box.children[i];
      row.children[0].textContent = "worker " + w.index;
      const parts = row.children[1].children;
      parts[0].style.width = percent(w.busy);
      parts[1].style.width = percent(w.idle);
      parts[2].style.width = percent(w.parked);
      row.title = "busy " + percent(w.busy) + ", idle " + percent(w.idle) + ", parked " + percent(w.parked)
        + " (now " + w.activity + ")";
      row.children[2].textContent = "queue " + w.queue + " · " + count(w.stealsPerSecond) + " steals/s";
    });
  }

  function renderSpark() {
    const max = Math.max(1, ...history);
    const points = history.map(function (v, i) {
      const x = (HISTORY - history.length + i) * (120 / (HISTORY - 1));
      const y = 29 - (v / max) * 28;
      return x.toFixed(2) + "," + y.toFixed(2);
    });
    document.getElementById("sparkline").setAttribute("points", points.join(" "));
  }

  function renderSlowPolls(total, slow) {
    text("slowPollsTotal", total > 0 ? "(" + total + " since start)" : "");
    const body = document.getElementById("slowPolls");
    if (slow.length === 0) {
      return;
    }
    body.replaceChildren();
    for (const s of slow) {
      const tr = document.createElement("tr");
      const cells = [new Date(s.at).toLocaleTimeString(), s.task, s.worker, s.runningMillis + " ms", s.stack.join("\n")];
      cells.forEach(function (c, i) {
        const td = document.createElement("td");
        td.textContent = c;
        if (i === 4) { td.className = "where"; }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    }
  }

  function render(s) {
    text("requestsPerSecond", count(s.requestsPerSecond));
    text("connectionsPerSecond", count(s.connectionsPerSecond));
    text("connectionsOpen", String(s.connectionsOpen));
    text("requestsInFlight", String(s.requestsInFlight));
    text("pollsPerSecond", count(s.pollsPerSecond));
    text("stealsPerSecond", count(s.stealsPerSecond));
    text("pollP50", micros(s.pollP50Micros));
    text("pollP99", micros(s.pollP99Micros));
    text("liveTasks", String(s.liveTasks));
    text("injectionQueue", String(s.injectionQueue));
    renderWorkers(s.workers);
    history.push(s.requestsPerSecond);
    if (history.length > HISTORY) { history.shift(); }
    renderSpark();
    renderSlowPolls(s.slowPollsTotal, s.slowPolls);
  }

  const status = document.getElementById("status");
  const events = new EventSource(base + "/events" + suffix);
  events.addEventListener("open", function () {
    status.textContent = "live";
    status.className = "status live";
  });
  events.addEventListener("error", function () {
    status.textContent = "reconnecting…";
    status.className = "status down";
  });
  events.addEventListener("sample", function (e) {
    render(JSON.parse(e.data));
  });
})();
