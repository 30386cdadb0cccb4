"""The frame log (dvclive_nb/_frame_log.py): records by seq, newest bytes per panel."""

from dvclive_nb._frame_log import FrameLog, Newest, Record


def test_records_and_newest_bytes():
    log = FrameLog()
    log.kinds["latest.png"] = "single"
    assert [log.add("pred", s, b"p%d" % s, "image/png") for s in (0, 2, 1)] == [0, 1, 2]
    log.add("latest.png", 5, b"a", "image/png")
    log.add("latest.png", 4, b"b", "image/png")  # a single: the last write wins
    assert log.records[:3] == [Record("pred", 0, "image/png"), Record("pred", 2, "image/png"),
                               Record("pred", 1, "image/png")]
    assert log.newest["pred"] == Newest(1, 2, "image/png", b"p2")  # the highest step
    assert log.newest["latest.png"].data == b"b"
    assert log.held(1) == b"p2" and log.held(0) is None  # only the newest is kept
    assert log.steps_of("pred") == {0: 0, 1: 2, 2: 1}


def test_restart_of_some_panels_logs_the_others_again():
    log = FrameLog()
    for step in range(3):
        log.add("0:pred", step, b"a%d" % step, "image/png")
        log.add("1:pred", step, b"b%d" % step, "image/png")
    version = log.version
    again = log.restart({"0:pred"})
    assert log.first == 6 and again == [6, 7, 8]
    assert [log.records[s] for s in again] == [Record("1:pred", s, "image/png") for s in range(3)]
    assert log.held(8) == b"b2" and "0:pred" not in log.newest
    assert log.steps_of("0:pred") == {} and log.version > version
    assert log.restart() == [] and list(log.live()) == []
