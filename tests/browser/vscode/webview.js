// What vscode-jupyter's webview side does with @vscode/jupyter-ipywidgets8, one step each:
// - VS Code calls each kernel preload's activate(); the renderer's sets
//   window.vscIPyWidgets8 = {load, unload}.
// - Told the kernel has ipywidgets 8, it calls load(): the widget packages are defined in
//   require.js and window.vscIPyWidgets.WidgetManager appears.
// - It builds that WidgetManager on a kernel connection: VS Code's ProxyKernel wraps a
//   @jupyterlab/services KernelConnection whose socket is a stand-in; each frame crosses
//   to the extension host, which holds the real socket, as a JSON-able message (text as
//   is, binary as an array of byte values). Here the same class, the same stand-in and
//   the same encoding, over a MessageChannel to a host that holds a real websocket
//   (relay below). The host's own message handling (hooks, mirrored executes, its wait
//   for each iopub message to be handled) is not reproduced.
// - A third-party widget's module is registered in require.js from
//   <sys.prefix>/share/jupyter/nbextensions/<module>/index.js (its local script source).
// - Each display of application/vnd.jupyter.widget-view+json is rendered into a
//   .cell-output-ipywidget-background element once its model exists
//   (ipywidgetsKernel.renderOutput -> WidgetManager.renderWidget), and 500 ms later
//   vscode-jupyter's keyboard pass runs over it (keyboardPass below).
import { activate } from './ipywidgets.js';
import { KernelConnection, ServerConnection } from './kernel-client.js';

const MIME = 'application/vnd.jupyter.widget-view+json';
const params = new URLSearchParams(location.search);
const server = params.get('server');
const harness = (window.harness = {
  log: [], errors: [], outputs: [], ready: false, relayed: { text: 0, binary: 0 } });

activate();
window.vscIPyWidgets8.load();

// A websocket frame as a message between webview and extension host, and back.
const encode = (data) => JSON.stringify(typeof data === 'string'
  ? { type: 'IPyWidgets_msg', data }
  : { type: 'IPyWidgets_binary_msg',
      data: [[...new Uint8Array(ArrayBuffer.isView(data) ? data.buffer : data)]] });
const decode = (json) => {
  const { type, data } = JSON.parse(json);
  return type === 'IPyWidgets_binary_msg' ? new Uint8Array(data[0]).buffer : data;
};

// The extension host's end: the real socket to the kernel, messages to and from the
// webview only through `port`.
function relay(url, port) {
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  const queued = [];
  socket.onopen = () => { for (const data of queued.splice(0)) socket.send(data); };
  socket.onmessage = (event) => {
    harness.relayed[typeof event.data === 'string' ? 'text' : 'binary'] += 1;
    port.postMessage(encode(event.data));
  };
  socket.onclose = () => harness.errors.push('kernel socket closed');
  port.onmessage = (event) => {
    const data = decode(event.data);
    if (socket.readyState === WebSocket.OPEN) socket.send(data); else queued.push(data);
  };
}

// The webview's end: what the KernelConnection takes for a socket.
class ProxyWebSocket {
  constructor(url) {
    const { port1, port2 } = new MessageChannel();
    relay(url, port2);
    this.port = port1;
    this.protocol = ''; // no subprotocol: the server's original frame format
    this.readyState = 1;
    this.port.onmessage = (event) => {
      if (this.onmessage) this.onmessage({ target: this, data: decode(event.data) });
    };
    setTimeout(() => this.onopen && this.onopen({ target: this }));
  }
  send(data) { this.port.postMessage(encode(data)); }
  close() { this.port.close(); }
}

const kernel = new KernelConnection({
  model: { id: params.get('kernel'), name: 'python3' },
  serverSettings: ServerConnection.makeSettings({
    baseUrl: `${server}/`,
    wsUrl: `${server.replace(/^http/, 'ws')}/`,
    token: params.get('token'),
    appendToken: true,
    WebSocket: ProxyWebSocket,
  }),
  handleComms: true,
});

const scriptLoader = {
  widgetsRegisteredInRequireJs: new Set(),
  async loadWidgetScript(moduleName) {
    window.requirejs.config({ paths: { [moduleName]: `nbextensions/${moduleName}/index` } });
    scriptLoader.widgetsRegisteredInRequireJs.add(moduleName);
  },
  successHandler() {},
  errorHandler(className, moduleName, moduleVersion, error) {
    harness.errors.push(`load ${moduleName}@${moduleVersion} ${className}: ${error}`);
  },
};
const outputs = document.getElementById('outputs');
const manager = new window.vscIPyWidgets.WidgetManager(
  kernel, outputs, scriptLoader, (message) => harness.log.push(message));

async function renderWidget(data) {
  const container = document.createElement('div');
  container.className = 'output cell-output-ipywidget-background';
  const ele = document.createElement('div');
  ele.className = 'cell-output-ipywidget-background';
  ele.setAttribute('tabindex', '0');
  ele.setAttribute('role', 'region');
  ele.setAttribute('aria-label', 'Interactive widget output');
  const inner = document.createElement('div');
  inner.className = 'cell-output cell-output';
  ele.appendChild(inner);
  container.appendChild(ele);
  outputs.appendChild(container);
  const model = await manager.get_model(data.model_id);
  const view = await manager.create_view(model, { el: ele });
  await manager.display_view(data, view, { node: ele });
  harness.outputs.push(data.model_id);
  setTimeout(() => keyboardPass(ele), 500);
}

// What vscode-jupyter (ensureWidgetKeyboardAccessibility, 2025) does to a rendered
// widget: each button or button-like element without a tabindex gets tabindex 0, and a
// keydown listener that turns Enter and Space into one click().
function keyboardPass(container) {
  const selector = ['button:not([tabindex])', 'a[href]:not([tabindex])',
    '[role="button"]:not([tabindex])', '[onclick]:not([tabindex])',
    '.jupyter-button:not([tabindex])', '.widget-button:not([tabindex])'].join(',');
  for (const element of container.querySelectorAll(selector)) {
    element.setAttribute('tabindex', '0');
    if (!element.hasAttribute('role') && element.tagName !== 'BUTTON' && element.tagName !== 'A') {
      element.setAttribute('role', 'button');
    }
    element.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        element.click();
      }
    });
  }
  harness.keyboardPasses = (harness.keyboardPasses || 0) + 1;
}

// Other outputs, as VS Code's built-in renderer shows text/html: into a div of the same
// document (every cell's outputs share the webview's page), re-rendered in place when
// its display is updated.
const htmlOutputs = new Map();
function renderHtml(html, displayId) {
  let container = displayId && htmlOutputs.get(displayId);
  if (!container) {
    container = document.createElement('div');
    container.className = 'output';
    outputs.appendChild(container);
    if (displayId) htmlOutputs.set(displayId, container);
  }
  container.replaceChildren();
  const element = document.createElement('div');
  element.innerHTML = html;
  container.appendChild(element);
}

kernel.iopubMessage.connect((_, msg) => {
  const type = msg.header.msg_type;
  const data = msg.content.data;
  const displayId = msg.content.transient && msg.content.transient.display_id;
  if ((type === 'display_data' || type === 'execute_result') && data[MIME]) {
    renderWidget(data[MIME]).catch((e) => harness.errors.push(`render: ${e}`));
  } else if (['display_data', 'execute_result', 'update_display_data'].includes(type)
             && data['text/html']) {
    if (type !== 'update_display_data' || htmlOutputs.has(displayId)) {
      renderHtml(data['text/html'], displayId);
    }
  } else if (type === 'error') {
    harness.errors.push(`${msg.content.ename}: ${msg.content.evalue}`);
  } else if (type === 'stream') {
    harness.log.push(msg.content.text);
  }
});

// A cell run: returns at once; `harness.busy` is true until the kernel replies.
harness.run = (code) => {
  harness.busy = true;
  const future = kernel.requestExecute({ code, store_history: true });
  future.done.then(
    (reply) => { harness.busy = false; harness.lastStatus = reply.content.status; },
    (e) => { harness.busy = false; harness.errors.push(`execute: ${e}`); });
};

kernel.info.then(() => { harness.ready = true; },
  (e) => harness.errors.push(`kernel: ${e}`));
