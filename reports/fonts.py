"""The faces a printed report is set in (GB/T 9704-2012), each a list: the licensed face an
office usually has installed first, then the free face `make run` installs (.ci/fonts.sh).
WeasyPrint asks fontconfig for each name in turn, so a server with 仿宋_GB2312 or 方正小标宋
prints in them without a change here."""

import shutil
import subprocess
from functools import cache

FACES: dict[str, list[str]] = {
    # 仿宋: FandolFang (GPL-3, from TeX Live's Chinese fonts) covers GB 2312, as 仿宋_GB2312 does.
    "body": ["仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "FandolFang"],
    # 小标宋: no free face exists; Noto Serif CJK SC at its heaviest weight stands in.
    "title": ["方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC Black"],
    "hei": ["黑体", "SimHei", "Noto Sans CJK SC"],
    "kai": ["楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "LXGW WenKai"],
    # Page numbers: 4号 半角宋体.
    "song": ["宋体", "SimSun", "Noto Serif CJK SC"],
}
GENERIC = {"body": "serif", "title": "serif", "hei": "sans-serif", "kai": "serif", "song": "serif"}


def css_stacks() -> dict[str, str]:
    """Each role's CSS font-family list."""
    return {
        role: ", ".join([*(f'"{name}"' for name in names), GENERIC[role]])
        for role, names in FACES.items()
    }


@cache
def installed_families() -> frozenset[str]:
    """Every family name fontconfig knows on this machine (empty when fc-list is missing)."""
    if shutil.which("fc-list") is None:
        return frozenset()
    output = subprocess.run(
        ["fc-list", ":", "family"], capture_output=True, text=True, check=False
    ).stdout
    return frozenset(name.strip() for line in output.splitlines() for name in line.split(","))


def missing_faces() -> list[str]:
    """The roles for which no face of the list is installed: the PDF would fall back to another
    face there (or print empty boxes)."""
    families = installed_families()
    return [role for role, names in FACES.items() if not families & set(names)]


def faces_in_use() -> dict[str, str]:
    """The face each role prints in on this machine: the first of its list installed."""
    families = installed_families()
    return {
        role: next((name for name in names if name in families), "")
        for role, names in FACES.items()
    }
