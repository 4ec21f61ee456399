"""The escape functions: what each output format treats as control is shown, never obeyed."""

from validator.report.escape import (
    github_data,
    github_property,
    html_text,
    no_command_lines,
    terminal,
    xml,
)


def test_terminal_shows_controls_escapes_bidi_and_zero_width():
    assert terminal("a\x1b[31mb\x07\x9b\x7f") == "a\\x1b[31mb\\x07\\x9b\\x7f"
    assert terminal("x\ny\rz") == "x\\x0ay\\x0dz"
    assert terminal("甲\u200b公司\u202e\u2066") == "甲<U+200B>公司<U+202E><U+2066>"
    assert terminal("bad-\udcff") == "bad-\\xff"  # a byte that was not UTF-8
    assert terminal("资产总额 19.85亿元 — 表1") == "资产总额 19.85亿元 — 表1"


def test_no_line_starts_a_workflow_command():
    assert no_command_lines("ok\n::error::x\n a::b") == "ok\n\\x3a:error::x\n a::b"


def test_github_encodes_data_and_properties():
    assert github_data("100%\r\n::error::x") == "100%25%0D%0A::error::x"
    assert github_property("a,b:c\n") == "a%2Cb%3Ac%0A"
    assert github_data("\x1b[2J") == "\\x1b[2J"


def test_xml_and_html_hold_only_what_they_can():
    assert xml("a\x00b\x0bc\ufffe") == "a\\x00b\\x0bc<U+FFFE>"
    assert html_text("<b>\u202e&") == "&lt;b&gt;&lt;U+202E&gt;&amp;"


def test_the_waiver_template_quotes_any_id_as_one_yaml_line():
    import yaml

    from validator.report.waiver_template import _quote

    for text in ["x:y\n::error::z", 'a "b" \\ c', "甲\u200b公司\u202e", "\x1b[31m"]:
        quoted = _quote(text)
        assert "\n" not in quoted and "\x1b" not in quoted
        assert yaml.safe_load(f"check: {quoted}")["check"] == text
