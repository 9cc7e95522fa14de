"""The faces of the printed reports: licensed ones first, the free ones installed by make."""

import pytest

from conftest import require
from reports import fonts
from reports.checks import report_fonts_installed


def test_every_role_lists_a_licensed_face_before_the_free_one():
    stacks = fonts.css_stacks()
    assert stacks["body"].index('"仿宋_GB2312"') < stacks["body"].index('"FandolFang"')
    assert stacks["title"].index('"方正小标宋简体"') < stacks["title"].index(
        '"Noto Serif CJK SC Black"'
    )
    assert stacks["kai"].index('"楷体_GB2312"') < stacks["kai"].index('"LXGW WenKai"')
    assert stacks["hei"].startswith('"黑体"')


def test_the_free_faces_are_installed_here():
    require(fonts.installed_families(), "fontconfig (fc-list) is not installed")
    assert fonts.missing_faces() == []
    in_use = fonts.faces_in_use()
    assert all(in_use.values()), in_use


@pytest.mark.parametrize("role", sorted(fonts.FACES))
def test_the_check_warns_when_a_role_has_no_face(monkeypatch, role):
    families = {name for names in fonts.FACES.values() for name in names} - set(fonts.FACES[role])
    monkeypatch.setattr(fonts, "installed_families", lambda: frozenset(families))
    warnings = report_fonts_installed()
    assert [warning.id for warning in warnings] == ["reports.W001"]
    assert role in warnings[0].msg
