// The console's script: renders the state the server pushes (GET /console/events) in place, so
// keyboard focus and open histories survive each update, and sends operator actions to the API.
// Every request carries the token pasted in (Authorization: Bearer): the stream is read with
// fetch, since EventSource cannot send a header.
"use strict";

const api = (path) => new URL("../" + path, document.baseURI).toString();
const byId = (id) => document.getElementById(id);
const historyOpen = new Map(); // task name -> the signature of the last history fetched
let state = null;
let lastEvent = 0;
let stream = null; // the AbortController of the open stream

function authorization() {
    return { Authorization: "Bearer " + byId("token").value.trim() };
}

function seconds(total) {
    if (total == null) return "";
    const s = Math.max(0, Math.round(total));
    if (s < 90) return s + " s";
    if (s < 5400) return Math.round(s / 60) + " min";
    if (s < 172800) return (s / 3600).toFixed(1) + " h";
    return Math.round(s / 86400) + " d";
}

function since(time, now) {
    return time ? seconds((Date.parse(now) - Date.parse(time)) / 1000) : "";
}

function until(time, now) {
    if (!time) return "";
    const left = (Date.parse(time) - Date.parse(now)) / 1000;
    return left <= 0 ? "due now" : "in " + seconds(left);
}

function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    for (const child of children) node.append(child);
    return node;
}

function badge(cell, text) {
    cell.replaceChildren(element("span", { class: "badge " + text.toLowerCase() }, text.toLowerCase()));
}

function progressText(progress) {
    if (!progress) return "";
    return progress.steps ? "step " + progress.step + " of " + progress.steps : "step " + progress.step;
}

function progressCell(cell, progress) {
    if (!progress) {
        cell.replaceChildren();
        return;
    }
    const text = progressText(progress);
    const parts = [];
    if (progress.steps) {
        parts.push(element("progress", { max: progress.steps, value: progress.step, "aria-hidden": "true" }), " ");
    }
    parts.push(element("span", { class: "progress-text", title: progress.note || "" }, text));
    cell.replaceChildren(...parts);
}

function outcomeCell(cell, lastRun, now) {
    if (!lastRun) {
        cell.textContent = "never ran";
        return;
    }
    const parts = [element("span", { class: "badge " + lastRun.status.toLowerCase() }, lastRun.status.toLowerCase()),
        " " + since(lastRun.finishedAt, now) + " ago on " + lastRun.instance];
    if (lastRun.error) parts.push(element("span", { class: "error-text" }, lastRun.error));
    cell.replaceChildren(...parts);
}

const TASK_COLUMNS = ["Task", "State", "Instance", "Running for", "Progress", "Next run", "Last outcome", "Actions"];

function taskRow(name) {
    const row = element("tr", { "data-task": name });
    for (const label of TASK_COLUMNS) row.append(element("td", { "data-label": label }));
    row.cells[0].className = "name";
    row.cells[0].textContent = name;
    row.cells[1].className = "state";
    row.cells[2].className = "instance";
    row.cells[4].className = "progress";
    row.cells[6].className = "last";
    const runNow = element("button", { type: "button", class: "button run-now" }, "Run now");
    const pause = element("button", { type: "button", class: "button pause" }, "Pause");
    const history = element("button", { type: "button", class: "button history-toggle", "aria-expanded": "false" }, "History");
    runNow.addEventListener("click", () => act("tasks/" + encodeURIComponent(name) + "/run", "Run " + name + " now"));
    pause.addEventListener("click", () => {
        const resume = pause.dataset.paused === "true";
        act("tasks/" + encodeURIComponent(name) + (resume ? "/resume" : "/pause"), (resume ? "Resume " : "Pause ") + name);
    });
    history.addEventListener("click", () => toggleHistory(name, row, history));
    row.cells[7].append(element("div", { class: "actions" }, runNow, pause, history));
    return row;
}

function renderTasks(overview) {
    const body = byId("tasks").tBodies[0];
    const rows = new Map([...body.querySelectorAll("tr[data-task]")].map((row) => [row.dataset.task, row]));
    for (const task of overview.tasks) {
        let row = rows.get(task.name);
        if (!row) {
            row = taskRow(task.name);
            body.append(row);
        }
        badge(row.cells[1], task.paused && task.status === "RUNNING" ? "RUNNING" : task.status);
        if (task.paused) {
            const running = task.status === "RUNNING";
            row.cells[1].append(element("span", { class: "hint" }, (running ? " · paused by " : " by ") + task.paused.by));
        }
        row.cells[2].textContent = task.runningInstance || "";
        row.cells[3].textContent = seconds(task.secondsSinceStart);
        progressCell(row.cells[4], task.progress);
        row.cells[5].textContent = task.paused ? "paused" : task.status === "RUNNING" ? "" : until(task.nextRunAt, overview.databaseTime);
        outcomeCell(row.cells[6], task.lastRun, overview.databaseTime);
        const runNow = row.querySelector(".run-now");
        const pause = row.querySelector(".pause");
        runNow.disabled = task.status === "RUNNING" || !!task.paused;
        pause.dataset.paused = task.paused ? "true" : "false";
        pause.textContent = task.paused ? "Resume" : "Pause";
        pause.setAttribute("aria-label", (task.paused ? "Resume " : "Pause ") + task.name);
        runNow.setAttribute("aria-label", "Run " + task.name + " now");
        if (historyOpen.has(task.name)) {
            const signature = task.status + (task.lastRun ? task.lastRun.finishedAt : "") + (task.paused ? "p" : "");
            if (historyOpen.get(task.name) !== signature) {
                historyOpen.set(task.name, signature);
                loadHistory(task.name, row);
            }
        }
    }
}

function toggleHistory(name, row, button) {
    const open = historyOpen.has(name);
    button.setAttribute("aria-expanded", String(!open));
    if (open) {
        historyOpen.delete(name);
        const next = row.nextElementSibling;
        if (next && next.classList.contains("history")) next.remove();
    } else {
        historyOpen.set(name, "");
        loadHistory(name, row);
    }
}

async function loadHistory(name, row) {
    const reply = await fetch(api("tasks/" + encodeURIComponent(name) + "/history?limit=10"), { headers: authorization() });
    if (!reply.ok || !historyOpen.has(name)) return;
    const runs = await reply.json();
    const table = element("table", { "aria-label": "History of " + name },
        element("thead", {}, element("tr", {}, ...["Started", "Entry", "Instance", "Duration", "Progress", "By", "Error"]
            .map((title) => element("th", { scope: "col" }, title)))));
    const body = element("tbody");
    for (const run of runs) {
        body.append(element("tr", {},
            element("td", {}, new Date(run.startedAt).toLocaleString()),
            element("td", {}, run.status.toLowerCase()),
            element("td", {}, run.instance),
            element("td", {}, run.durationSeconds == null ? (run.status === "RUNNING" ? "running" : "") : run.durationSeconds.toFixed(1) + " s"),
            element("td", {}, progressText(run.progress)),
            element("td", {}, run.operator || ""),
            element("td", { class: "error-text" }, run.error || "")));
    }
    if (runs.length === 0) body.append(element("tr", {}, element("td", { colspan: "7" }, "No runs yet.")));
    table.append(body);
    let holder = row.nextElementSibling;
    if (!holder || !holder.classList.contains("history")) {
        holder = element("tr", { class: "history", "data-history": name }, element("td", { colspan: String(TASK_COLUMNS.length) }));
        row.after(holder);
    }
    holder.cells[0].replaceChildren(table);
}

function renderPending(overview) {
    byId("pending").replaceChildren(...overview.pending.map((task) =>
        element("li", {}, element("span", { class: "name" }, task.name), " " + until(task.nextRunAt, overview.databaseTime))));
}

function renderInstances(instances, now) {
    byId("instances").tBodies[0].replaceChildren(...instances.map((instance) => {
        const row = element("tr", { "data-instance": instance.id });
        const cells = [instance.name, "", instance.host, String(instance.httpPort), since(instance.startedAt, now) + " ago",
            since(instance.lastHeartbeat, now) + " ago", instance.runningTasks.join(", ") || "none"];
        const labels = ["Instance", "Status", "Host", "Port", "Started", "Heartbeat", "Running"];
        cells.forEach((text, i) => row.append(element("td", { "data-label": labels[i] }, text)));
        badge(row.cells[1], instance.status === "LIVE" ? "LIVE" : instance.status === "STOPPED" ? "GONE" : "SILENT");
        return row;
    }));
}

function renderJob(job) {
    const facts = [["State", job.state.toLowerCase()], ["Job", "#" + job.jobId],
        ["Attempts", job.attempt + " of " + job.maxAttempts],
        ["Expired", job.lotsExpired + " lots, " + job.amountExpired + " points"],
        ["Last error", job.lastError || "none"]];
    byId("job").replaceChildren(...facts.flatMap(([term, value]) => [element("dt", {}, term), element("dd", { "data-fact": term }, value)]));
}

function render(next) {
    state = next;
    lastEvent = Date.now();
    byId("sign-in").hidden = true;
    renderTasks(state.tasks);
    renderPending(state.tasks);
    renderInstances(state.instances, state.tasks.databaseTime);
    renderJob(state.job);
    const live = byId("live");
    live.classList.remove("stale");
    live.textContent = "Live · database time " + new Date(state.tasks.databaseTime).toLocaleTimeString();
}

async function act(path, what) {
    const message = byId("message");
    const headers = authorization();
    message.className = "message";
    message.textContent = what + "…";
    try {
        const reply = await fetch(api(path), { method: "POST", headers });
        const body = await reply.json();
        if (reply.ok) {
            message.textContent = what + ": done.";
        } else {
            message.className = "message error";
            message.textContent = what + ": refused (" + reply.status + "). " + body.detail;
        }
    } catch (failure) {
        message.className = "message error";
        message.textContent = what + ": no answer from the server.";
    }
}

// Reads the stream's Server-Sent Events until it ends, rendering each state event.
async function follow(reply) {
    const reader = reply.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value.replace(/\r\n?/g, "\n");
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
            const lines = buffer.slice(0, end).split("\n");
            buffer = buffer.slice(end + 2);
            const name = lines.find((line) => line.startsWith("event:"));
            const data = lines.filter((line) => line.startsWith("data:")).map((line) => line.slice(5).trimStart()).join("\n");
            if (name && name.slice(6).trim() === "state" && data) render(JSON.parse(data));
        }
    }
}

// Opens the stream with the token; reconnects after a drop, and waits for another token after a refusal.
async function connect() {
    if (stream) stream.abort();
    const controller = new AbortController();
    stream = controller;
    sessionStorage.setItem("coffer-token", byId("token").value.trim());
    if (!byId("token").value.trim()) {
        byId("sign-in").hidden = false;
        return;
    }
    try {
        const reply = await fetch("events", { headers: authorization(), signal: controller.signal });
        if (reply.status === 401 || reply.status === 403) {
            const body = await reply.json();
            byId("sign-in").hidden = false;
            byId("live").textContent = "Refused (" + reply.status + "): " + body.detail;
            return;
        }
        if (reply.ok) await follow(reply);
    } catch (failure) {
        if (controller.signal.aborted) return;
    }
    if (stream === controller) setTimeout(connect, 2000);
}

function watchForStaleFigures() {
    setInterval(() => {
        if (lastEvent && Date.now() - lastEvent > 5000) {
            const live = byId("live");
            live.classList.add("stale");
            live.textContent = "Reconnecting… figures from " + seconds((Date.now() - lastEvent) / 1000) + " ago";
        }
    }, 1000);
}

byId("token").value = sessionStorage.getItem("coffer-token") || "";
byId("token").addEventListener("change", connect);
byId("operator-form").addEventListener("submit", (event) => {
    event.preventDefault();
    connect();
});
byId("requeue").addEventListener("click", () => act("jobs/expire-accruals/requeue", "Queue the expire-accruals job"));
watchForStaleFigures();
connect();
