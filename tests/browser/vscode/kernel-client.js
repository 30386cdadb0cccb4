// The kernel client that vscode-jupyter's webview hands to the renderer's WidgetManager:
// its ProxyKernel wraps this same @jupyterlab/services KernelConnection class. esbuild
// bundles this entry at test time (tests/browser/vscode_host.py).
export { KernelConnection } from '@jupyterlab/services/lib/kernel/default';
export { ServerConnection } from '@jupyterlab/services';
