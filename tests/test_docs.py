"""The README and docs/ stay true to the project: every link between them leads to a file and
a heading that exist, every `make` target they name is in the Makefile (CI's `make test`
first), and every setting read from the environment is in docs/operations.md's Configuration."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# Read by the test settings for pytest-xdist's processes, not set by anyone who deploys.
TEST_PROCESS_VARIABLES = {"PYTEST_XDIST_WORKER", "RENDA_REDIS_WORKER"}

FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"\[[^\]\n]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6} +(.+?) *$", re.MULTILINE)


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    return {slug(h) for h in HEADING.findall(FENCE.sub("", path.read_text(encoding="utf-8")))}


def prose(path: Path) -> str:
    return CODE_SPAN.sub("", FENCE.sub("", path.read_text(encoding="utf-8")))


def code(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return "\n".join(FENCE.findall(text) + CODE_SPAN.findall(text))


@pytest.mark.parametrize("doc", DOCS, ids=lambda path: path.name)
def test_every_link_leads_to_a_file_and_heading_that_exist(doc):
    for target in LINK.findall(prose(doc)):
        if re.match(r"[a-z]+:", target):  # https:, mailto:
            continue
        path, _, anchor = target.partition("#")
        linked = (doc.parent / path).resolve() if path else doc
        assert linked.exists(), f"{doc.name}: {target}"
        if anchor:
            assert anchor in anchors(linked), f"{doc.name}: {target}"


def test_the_readme_states_the_two_commands_and_ci_runs_one_of_them():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme and ".ci/run" in readme
    assert re.search(r"^make test$", (ROOT / ".ci/run").read_text(), re.MULTILINE)


@pytest.mark.parametrize("doc", DOCS, ids=lambda path: path.name)
def test_every_make_target_named_is_in_the_makefile(doc):
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.MULTILINE))
    named = set(re.findall(r"\bmake ([a-z][a-z-]*)", code(doc)))
    assert named <= targets, f"{doc.name}: {sorted(named - targets)}"


def test_every_setting_read_from_the_environment_is_in_the_configuration_table():
    settings = "".join(
        path.read_text(encoding="utf-8") for path in (ROOT / "congress/settings").glob("*.py")
    )
    read = set(re.findall(r"""environ(?:\.get)?[\[(]\s*["']([A-Z][A-Z0-9_]+)["']""", settings))
    read |= set(re.findall(r"""env_\w+\(\s*["']([A-Z][A-Z0-9_]+)["']""", settings))
    operations = (ROOT / "docs/operations.md").read_text(encoding="utf-8")
    configuration = operations.split("\n## Configuration\n")[1].split("\n## ")[0]
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", configuration))
    assert len(read) > 30
    assert read - TEST_PROCESS_VARIABLES <= documented, sorted(read - documented)
