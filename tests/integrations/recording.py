"""A real kernel run by nbclient, recording the messages our widgets send the page."""

import nbformat
from nbclient import NotebookClient


class RecordingClient(NotebookClient):
    """nbclient drops widgets' custom messages; this keeps them, buffers included:
    ``custom`` holds ``(content, [bytes, ...])`` in the order the kernel sent them."""

    def __init__(self, nb, **kwargs):
        super().__init__(nb, **kwargs)
        self.custom: list = []

    def handle_comm_msg(self, outs, msg, cell_index):
        data = msg["content"].get("data", {})
        if msg["msg_type"] == "comm_msg" and data.get("method") == "custom":
            self.custom.append((data["content"], [bytes(b) for b in msg.get("buffers", [])]))
        super().handle_comm_msg(outs, msg, cell_index)


def run_cells(cells, cwd, timeout=600):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in cells]
    client = RecordingClient(nb, timeout=timeout, kernel_name="python3",
                             resources={"metadata": {"path": str(cwd)}})
    client.execute()
    return nb, client.custom


def frames_sent(custom, name):
    """``{step: bytes}`` of ``name``'s frames as the page keeps them (newest seq wins),
    and every step the page was told of."""
    best: dict = {}
    steps = set()
    for content, buffers in custom:
        if content.get("type") != "frames":
            continue
        for meta in content["frames"]:
            if meta["name"] != name:
                continue
            steps.add(meta["step"])
            if meta["buf"] >= 0 and meta["seq"] >= best.get(meta["step"], (-1, b""))[0]:
                best[meta["step"]] = (meta["seq"], buffers[meta["buf"]])
    return {step: data for step, (_, data) in best.items()}, steps


def metrics_sent(custom):
    """``{metric: [(step, value), ...]}`` as the strip's feed received them."""
    from array import array

    rows: dict = {}
    for content, buffers in custom:
        if content.get("type") != "metrics":
            continue
        if content.get("reset"):
            rows.clear()
        for meta in content["metrics"]:
            steps = array("d", buffers[meta["buf"]])
            values = array("d", buffers[meta["buf"] + 1])
            got = rows.setdefault(meta["name"], [])
            del got[meta["start"]:]
            got += zip(steps, values)
    return rows
