"""The page's messages (dvclive_nb/_page.py): sync, fetch, registered handlers."""

from dvclive_nb.widget import ImageView


def test_handlers_sync_callbacks_and_unknown_messages(caplog):
    view = ImageView()
    answered, synced = [], []
    view.handle("export", lambda widget, content: answered.append((widget, content)))
    view.on_sync(lambda: synced.append(1))
    view._on_msg(view, {"type": "export", "names": ["pred"]}, [])
    view._on_msg(view, {"type": "sync", "missing": [], "after": -1}, [])
    view._on_msg(view, {"type": "nothing we know"}, [])  # ignored, as before
    assert answered == [(view, {"type": "export", "names": ["pred"]})] and synced == [1]
    assert "could not answer" not in caplog.text
    view._on_msg(view, {"type": "fetch", "seqs": ["x"]}, [])
    assert "could not answer" in caplog.text
    view.close()
