// The page's side of examples/web-upload: ticket from the server, upload with ali-oss (global `OSS`, its
// browser bundle), progress, then the server's status of the media until it is ready and ICE's callback
// was verified. `?renewEvery=<ms>` renews the upload credential that often (a demonstration of
// refreshSTSToken; by default it is renewed 5 minutes before it expires).
"use strict";

const POLL_MS = 500;
const WAIT_MS = 60000;
const RENEW_MARGIN_S = 300;
const $ = (id) => document.getElementById(id);

function show(state, text) {
  $("result").dataset.state = state;
  $("state").textContent = text;
}

async function postJson(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error || `${path}: HTTP ${response.status}`);
  return answer;
}

// UploadAddress and UploadAuth are base64 of JSON, as ICE gives them (docs/ice-facts.md section 5).
function decode(base64) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

function isIpHost(hostname) {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.startsWith("[");
}

function credentialOf(auth) {
  return { accessKeyId: auth.AccessKeyId, accessKeySecret: auth.AccessKeySecret, stsToken: auth.SecurityToken };
}

function renewInterval(auth) {
  const asked = Number(new URLSearchParams(location.search).get("renewEvery"));
  if (asked > 0) return asked;
  return Math.max(Number(auth.Expiration || 3000) - RENEW_MARGIN_S, 1) * 1000;
}

function ossClient(ticket) {
  const address = decode(ticket.uploadAddress);
  const auth = decode(ticket.uploadAuth);
  const endpoint = new URL(address.Endpoint);
  const options = {
    ...credentialOf(auth),
    region: auth.Region ? `oss-${auth.Region}` : undefined,
    endpoint: address.Endpoint,
    bucket: address.Bucket,
    secure: endpoint.protocol === "https:",
    // ali-oss names the bucket of an IP endpoint in the Host header only, which a browser may not set
    // (lib/common/utils/createRequest.js:108-112): path-style (`/<bucket>/<key>`) for one instead.
    sldEnable: isIpHost(endpoint.hostname),
  };
  if (ticket.renewable) {
    // RefreshUploadMedia: same media, same address, a new credential; ali-oss asks before a request once
    // the interval has passed (lib/common/utils/setSTSToken.js:9-19), so finished parts stay finished.
    options.refreshSTSToken = async () => {
      const renewed = await postJson("/ticket/renew", { mediaId: ticket.mediaId });
      $("renewals").textContent = String(Number($("renewals").textContent) + 1);
      return credentialOf(decode(renewed.uploadAuth));
    };
    options.refreshSTSTokenInterval = renewInterval(auth);
  }
  return { client: new OSS(options), key: address.FileName };
}

async function waitUntilReady(mediaId) {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const response = await fetch(`/media/${encodeURIComponent(mediaId)}`);
    const status = await response.json();
    $("media-status").textContent = status.mediaStatus || "-";
    $("callback").textContent = status.callbackVerified
      ? "verified"
      : status.callbackExpected ? "waiting" : "none for this type";
    if (status.mediaStatus === "Normal" && (status.callbackVerified || !status.callbackExpected)) return status;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`media ${mediaId} not ready within ${WAIT_MS / 1000} s`);
}

async function upload(file) {
  $("name").textContent = `${file.name} (${file.size} bytes)`;
  show("ticket", "asking the server for a ticket");
  const title = file.name.replace(/\.[^.]*$/, "") || file.name;
  const ticket = await postJson("/ticket", { fileName: file.name, size: file.size, title });
  $("media").textContent = ticket.mediaId;
  const { client, key } = ossClient(ticket);
  show("uploading", "uploading to OSS");
  // Below 100 KiB ali-oss sends one PutObject, else a multipart upload in 1 MiB parts.
  await client.multipartUpload(key, file, {
    progress: (fraction) => {
      $("progress").value = fraction;
      $("percent").textContent = `${Math.round(fraction * 100)}%`;
    },
  });
  show("waiting", "uploaded; waiting for ICE");
  const final = await waitUntilReady(ticket.mediaId);
  show("done", final.callbackVerified ? "ready: media Normal, callback verified" : "ready: media Normal");
}

$("form").addEventListener("submit", (event) => {
  event.preventDefault();
  const [file] = $("file").files;
  if (!file) return;
  $("upload").disabled = true;
  upload(file)
    .catch((error) => show("failed", `failed: ${error.message || error}`))
    .finally(() => { $("upload").disabled = false; });
});
