/**
 * One of the SSE benchmark's client processes: holds many event streams over raw sockets (a GET and a
 * small reader of the chunked response: cheaper than node:http, EventSource or fetch), parses only the
 * `id:`, `event:` and `retry:` lines, records when each event arrived, and resumes with Last-Event-ID
 * as a browser's EventSource does (at once when the runner drops every stream, after `retry:` otherwise).
 */
import net from "node:net";
import type { ClientReport, DeliveryCheck, FromClient, ToClient } from "./messages.ts";
import { wallClock } from "./messages.ts";
import { SseWireReader } from "./sse-wire-reader.ts";

interface Connection {
  batchId: string;
  localAddress: string;
  /** The newest id seen: what a reconnect sends as Last-Event-ID. */
  lastSeq: number;
  /** 0 until the runner drops the stream, then 1 (receipts after the drop belong to the storm). */
  generation: number;
  socket: net.Socket | null;
  completed: boolean;
  done: boolean;
  retryMs: number;
  seqs: number[];
  times: number[];
  generations: number[];
}

let host = "127.0.0.1";
let port = 0;
let readySeq = 0;
const connections: Connection[] = [];
let waitingForReady = 0;
let reconnecting = 0;
let refusedSinceDrop = 0;
let lastReconnectAt = 0;
let dropAt = 0;
/** Per stream of the storm: drop to response head, and connect() to TCP established. */
const reconnectMs: number[] = [];
const tcpConnectMs: number[] = [];
let finished = 0;
const unplannedReconnects: Record<string, number> = {};
let refused = 0;
/** Opens waiting for a connect slot while the first connections go up. */
let openQueue: Connection[] = [];
let inFlight = 0;
let connectConcurrency = Number.POSITIVE_INFINITY;

const send = (message: FromClient) => process.send?.(message);
process.on("disconnect", () => process.exit(0));

process.on("message", (message: ToClient) => {
  if (message.type === "open") open(message);
  else if (message.type === "drop") dropAll();
  else send({ type: "report", report: report(message) });
});

function open(message: Extract<ToClient, { type: "open" }>): void {
  host = message.host;
  port = message.port;
  readySeq = message.readySeq;
  connectConcurrency = message.connectConcurrency;
  for (const assignment of message.connections) {
    connections.push({
      ...assignment,
      lastSeq: 0,
      generation: 0,
      socket: null,
      completed: false,
      done: false,
      retryMs: 2000,
      seqs: [],
      times: [],
      generations: [],
    });
  }
  waitingForReady = connections.length;
  openQueue = [...connections];
  pumpOpens();
}

function pumpOpens(): void {
  while (inFlight < connectConcurrency && openQueue.length > 0) {
    inFlight += 1;
    connect(openQueue.shift()!, () => {
      inFlight -= 1;
      pumpOpens();
    });
  }
}

/** Opens one stream from the connection's last id; `onResponse` runs once the headers (or a failure) are in. */
function connect(connection: Connection, onResponse?: () => void): void {
  let answered = false;
  const answer = () => {
    if (answered) return;
    answered = true;
    onResponse?.();
  };
  const socket = net.connect({ host, port, localAddress: connection.localAddress });
  connection.socket = socket;
  const connectingAt = wallClock();
  const storm = connection.generation > 0 && dropAt > 0;
  if (storm) socket.once("connect", () => tcpConnectMs.push(wallClock() - connectingAt));
  const current = () => connection.socket === socket;
  let over = false;
  const streamOver = (why: string) => {
    if (over || !current()) return;
    over = true;
    socket.destroy();
    onStreamOver(connection, why);
  };
  const reader = new SseWireReader({
    onHead(status) {
      answer();
      if (status !== 200) {
        over = true;
        socket.destroy();
        refused += 1;
        if (connection.generation > 0) refusedSinceDrop += 1;
        connection.socket = null;
        setTimeout(
          () => connection.socket === null && !connection.done && connect(connection),
          connection.retryMs,
        );
        return;
      }
      if (connection.generation > 0 && reconnecting > 0) {
        reconnecting -= 1;
        lastReconnectAt = wallClock();
        reconnectMs.push(lastReconnectAt - dropAt);
        if (reconnecting === 0) send({ type: "reconnected", at: lastReconnectAt, refused: refusedSinceDrop });
      }
    },
    onFrame: (frame, at) => onFrame(connection, frame, at),
    onEnd: () => streamOver("ended"),
  });
  socket.setNoDelay(true);
  socket.on("data", (bytes: Buffer) => {
    if (current() && !over) reader.feed(bytes, wallClock());
  });
  socket.on("error", (error: NodeJS.ErrnoException) => {
    answer();
    streamOver(error.code ?? error.message);
  });
  socket.on("close", () => {
    answer();
    streamOver("closed");
  });
  socket.write(
    `GET /api/v1/batches/${connection.batchId}/events HTTP/1.1\r\nHost: ${host}:${port}\r\n` +
      `Accept: text/event-stream\r\nLast-Event-ID: ${connection.lastSeq}\r\n\r\n`,
  );
}

function onFrame(connection: Connection, frame: string, at: number): void {
  let id: string | undefined;
  let event: string | undefined;
  for (const line of frame.split("\n")) {
    if (line.startsWith("id: ")) id = line.slice(4);
    else if (line.startsWith("event: ")) event = line.slice(7);
    else if (line.startsWith("retry: ")) connection.retryMs = Number(line.slice(7));
  }
  if (id === undefined) return; // heartbeat, retry hint, or an id-less batch.reset
  const seq = Number(id);
  connection.lastSeq = seq;
  connection.seqs.push(seq);
  connection.times.push(at);
  connection.generations.push(connection.generation);
  if (event === "batch.completed") connection.completed = true;
  if (waitingForReady > 0 && connection.generation === 0 && seq === readySeq) {
    waitingForReady -= 1;
    if (waitingForReady === 0) send({ type: "ready", connected: connections.length, at });
  }
}

/** The server ended the stream (after batch.completed), or it failed: resume as EventSource would. */
function onStreamOver(connection: Connection, why: string): void {
  connection.socket = null;
  if (connection.completed) {
    if (connection.done) return;
    connection.done = true;
    finished += 1;
    if (finished === connections.length) send({ type: "finished", at: wallClock() });
    return;
  }
  unplannedReconnects[why] = (unplannedReconnects[why] ?? 0) + 1;
  setTimeout(() => {
    if (connection.socket === null && !connection.done) connect(connection);
  }, connection.retryMs);
}

/** Every stream drops at once (as when a network blips) and reconnects at once with its Last-Event-ID. */
function dropAll(): void {
  const live = connections.filter((connection) => !connection.done);
  reconnecting = live.length;
  refusedSinceDrop = 0;
  dropAt = wallClock();
  for (const connection of live) {
    const old = connection.socket;
    connection.socket = null;
    old?.destroy();
    connection.generation = 1;
    connect(connection);
  }
  if (reconnecting === 0) send({ type: "reconnected", at: wallClock(), refused: 0 });
}

function emptyCheck(): DeliveryCheck {
  return {
    lost: 0,
    duplicated: 0,
    clientsWithLoss: 0,
    clientsWithDuplicates: 0,
    maxLostPerClient: 0,
    maxDuplicatedPerClient: 0,
  };
}

/** Adds one client's receipts of ids lo..hi (counts indexed by id) to a phase's check. */
function checkRange(check: DeliveryCheck, count: Uint32Array, lo: number, hi: number, extra: number): void {
  let lost = 0;
  let duplicated = extra;
  for (let seq = lo; seq <= hi; seq++) {
    const n = count[seq]!;
    if (n === 0) lost += 1;
    else duplicated += n - 1;
  }
  check.lost += lost;
  check.duplicated += duplicated;
  if (lost > 0) check.clientsWithLoss += 1;
  if (duplicated > 0) check.clientsWithDuplicates += 1;
  check.maxLostPerClient = Math.max(check.maxLostPerClient, lost);
  check.maxDuplicatedPerClient = Math.max(check.maxDuplicatedPerClient, duplicated);
}

function report(message: Extract<ToClient, { type: "report" }>): ClientReport {
  const steadyLatencies: number[] = [];
  const stormLatencies: number[] = [];
  const steadyCommits: number[] = [];
  const stormCommits: number[] = [];
  const steady = emptyCheck();
  const storm = emptyCheck();
  let windowReceipts = 0;
  let unfinished = 0;
  for (const connection of connections) {
    if (!connection.done) unfinished += 1;
    const finalSeq = message.finalSeq[connection.batchId] ?? 0;
    const commits = message.commits[connection.batchId];
    // Receipts per id, and receipts of ids that do not exist, per phase.
    const counts = [new Uint32Array(finalSeq + 1), new Uint32Array(finalSeq + 1)] as const;
    const strays = [0, 0];
    let lastBeforeDrop = 0;
    for (let i = 0; i < connection.seqs.length; i++) {
      const seq = connection.seqs[i]!;
      const at = connection.times[i]!;
      const phase = connection.generations[i] === 0 ? 0 : 1;
      if (phase === 0) lastBeforeDrop = seq;
      if (seq < 1 || seq > finalSeq) {
        strays[phase]! += 1;
        continue;
      }
      const count = counts[phase];
      count[seq]! += 1;
      // Latency of first receipts only; a creation event (replayed on connect) has no commit time.
      if (count[seq]! > 1 || (phase === 1 && counts[0][seq]! > 0)) continue;
      const committed = commits?.[seq] ?? Number.NaN;
      if (Number.isNaN(committed)) continue;
      (phase === 0 ? steadyLatencies : stormLatencies).push(at - committed);
      (phase === 0 ? steadyCommits : stormCommits).push(committed);
      if (phase === 0 && at >= message.window.from && at < message.window.to) windowReceipts += 1;
    }
    // Before the drop: 1..(the last id it saw); after: the rest, once each, and nothing it saw before.
    checkRange(steady, counts[0], 1, lastBeforeDrop, strays[0]!);
    let seenAgain = 0;
    for (let seq = 1; seq <= lastBeforeDrop; seq++) seenAgain += counts[1][seq]!;
    checkRange(storm, counts[1], lastBeforeDrop + 1, finalSeq, strays[1]! + seenAgain);
  }
  return {
    clients: connections.length,
    steadyLatencies: Float64Array.from(steadyLatencies),
    stormLatencies: Float64Array.from(stormLatencies),
    steadyCommits: Float64Array.from(steadyCommits),
    stormCommits: Float64Array.from(stormCommits),
    windowReceipts,
    steady,
    storm,
    unfinished,
    reconnectMs: Float64Array.from(reconnectMs),
    tcpConnectMs: Float64Array.from(tcpConnectMs),
    unplannedReconnects,
    refused,
  };
}
