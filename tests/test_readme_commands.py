"""Every shell command the README (and the docs/ pages it links to) documents for users works as written.

The commands are read from the README itself (fenced ``bash`` blocks and inline code that starts like a
command), so a command added there without a rule here fails ``test_every_documented_command_has_a_rule``.
Cheap commands run for real in an isolated store (``validate`` on the bundled data, ``init``, ``layers``,
``backup``, ``backups``, ``restore``, ``python -m geo.health``); the others are checked without their side
effects: a module or script answers ``--help`` and knows every option the README gives it, an install
names files that exist, a ``streamlit run`` line's settings load, a pytest line's markers are declared.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from geo.settings import load_settings
from tests.conftest import PROJECT_ROOT

README = PROJECT_ROOT / "README.md"
DOCS = sorted((PROJECT_ROOT / "docs").glob("*.md"))  # the pages the README links to for the details
COMMAND = re.compile(
    r"^(?:[A-Z_]+=\S+\s+)*(?:python|streamlit|bash|pip|apt-get|export)\s+\S"
)  # a program and arguments
NEVER_RUN = {"playwright install"}  # the README names it only to warn against it


@dataclass(frozen=True)
class Command:
    env: dict[str, str]
    argv: list[str]
    text: str


def _parse(text: str) -> Command:
    words = shlex.split(text)
    env = {}
    while words and re.fullmatch(r"[A-Z_]+=\S+", words[0]):
        name, value = words.pop(0).split("=", 1)
        env[name] = value
    return Command(env, words, text)


def documented_commands(markdown: str) -> list[Command]:
    """The commands of the README's ``bash`` blocks (comments dropped, ``&&`` chains split) and inline code."""
    texts: list[str] = []
    for block in re.findall(r"```bash\n(.*?)```", markdown, flags=re.S):
        for line in block.splitlines():
            line = re.sub(r"\s+#\s.*$", "", line).strip()
            texts.extend(part.strip() for part in line.split("&&") if part.strip())
    for span in re.findall(r"`([^`\n]+)`", markdown):
        texts.extend(part.strip() for part in span.split("&&") if COMMAND.match(part.strip()))
    unique = dict.fromkeys(t for t in texts if t not in NEVER_RUN)
    return [_parse(text) for text in unique]


COMMANDS = documented_commands("\n".join(page.read_text(encoding="utf-8") for page in [README, *DOCS]))


def run(argv: list[str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run a documented ``python …`` command with this interpreter, in the project folder, isolated env."""
    assert argv[0] == "python", argv
    return subprocess.run(
        [sys.executable, *argv[1:]], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )


def options(argv: list[str]) -> list[str]:
    return [word.split("=", 1)[0] for word in argv if word.startswith("--")]


def help_knows_options(argv: list[str]) -> None:
    """``argv`` up to its first argument that is neither a subcommand nor the script answers ``--help``
    and lists each of the command's options."""
    head = argv[:3] if argv[1] == "-m" else argv[:2]
    if argv[1] == "-m" and len(argv) > 3 and re.fullmatch(r"[a-z-]+", argv[3]):
        head = argv[:4]  # python -m geo SUBCOMMAND
    result = run([*head, "--help"])
    assert result.returncode == 0, result.stderr
    alternatives = [
        a for word in argv[len(head) :] if re.fullmatch(r"[a-z-]+(\|[a-z-]+)+", word) for a in word.split("|")
    ]
    missing = [option for option in [*options(argv), *alternatives] if option not in result.stdout]
    assert missing == [], f"{' '.join(argv)}: --help does not know {missing}"


def kind(command: Command) -> str:
    argv = command.argv
    if argv[0] in ("pip", "apt-get") or (argv[0] == "bash" and argv[1] == "scripts/start_postgis.sh"):
        return "install"
    if argv[0] == "export":
        return "install" if "start_postgis.sh" in command.text else "unknown"
    if argv[0] == "streamlit":
        return "streamlit"
    if argv[0] == "bash":
        return "script"
    if argv[:3] == ["python", "-m", "pytest"]:
        return "pytest"
    if argv[:3] == ["python", "-m", "geo"] and len(argv) > 3 and argv[3] in RUN_FOR_REAL:
        return "geo-run"
    if argv[:3] == ["python", "-m", "geo.health"]:
        return "geo-run"
    if argv[0] == "python":
        return "help"
    return "unknown"


# Subcommands of python -m geo cheap enough to run as the README chains them, in a temporary store.
RUN_FOR_REAL = ("validate", "init", "layers", "backup", "backups", "restore")


def test_the_readme_documents_the_commands_this_test_knows():
    texts = {c.text for c in COMMANDS}
    assert "streamlit run dashboard.py" in texts
    assert "python -m geo.health" in texts
    assert any(c.argv[:4] == ["python", "-m", "geo", "validate"] for c in COMMANDS)


def test_every_documented_command_has_a_rule():
    assert [c.text for c in COMMANDS if kind(c) == "unknown"] == []


@pytest.mark.parametrize("command", [c for c in COMMANDS if kind(c) == "install"], ids=lambda c: c.text)
def test_install_commands_name_files_that_exist(command):
    files = [w for w in command.argv if w.endswith((".txt", ".sh"))]
    files += re.findall(r"bash (\S+\.sh)", command.text)
    for name in files:
        assert (PROJECT_ROOT / name).is_file(), name


@pytest.mark.parametrize("command", [c for c in COMMANDS if kind(c) == "streamlit"], ids=lambda c: c.text)
def test_streamlit_commands_run_an_entry_file_with_settings_that_load(command, isolated_store):
    assert command.argv[:2] == ["streamlit", "run"]
    assert (PROJECT_ROOT / command.argv[2]).is_file()
    env = {name: str(PROJECT_ROOT / value) if name.endswith("_DIR") else value for name, value in command.env.items()}
    settings = load_settings({**env, "DASHBOARD_STORE_DIR": str(isolated_store)})
    if "DASHBOARD_DATA_DIR" in env:
        assert settings.data_dir == Path(env["DASHBOARD_DATA_DIR"])
    if "DASHBOARD_MODE" in env:
        assert settings.mode == env["DASHBOARD_MODE"]


@pytest.mark.parametrize("command", [c for c in COMMANDS if kind(c) == "pytest"], ids=lambda c: c.text)
def test_pytest_commands_use_declared_markers(command):
    pyproject = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {line.split(":")[0] for line in pyproject["tool"]["pytest"]["ini_options"]["markers"]}
    argv = command.argv
    expression = argv[argv.index("-m", 3) + 1] if "-m" in argv[3:] else ""
    used = set(re.findall(r"[a-z_]+", expression)) - {"and", "or", "not"}
    assert used <= declared


@pytest.mark.parametrize("command", [c for c in COMMANDS if kind(c) == "script"], ids=lambda c: c.text)
def test_shell_scripts_exist_and_know_their_documented_actions(command):
    script = PROJECT_ROOT / command.argv[1]
    assert script.is_file()
    for action in command.argv[2].split("|") if len(command.argv) > 2 else []:
        assert re.search(rf"^\s*(?:[a-z|-]+\|)?{re.escape(action)}(?:\|[a-z-]+)*\)", script.read_text(), re.M), action


@pytest.mark.parametrize("command", [c for c in COMMANDS if kind(c) == "help"], ids=lambda c: c.text)
def test_other_python_commands_answer_help_with_their_documented_options(command):
    help_knows_options(command.argv)


def test_the_cheap_geo_commands_run_as_documented_on_the_bundled_data():
    """validate, init, layers, backup, backups, restore and the health check, in the README's order, on a
    temporary store (the autouse isolation gives this process and its children their own)."""
    ran = []
    for command in [c for c in COMMANDS if kind(c) == "geo-run"]:
        argv = list(command.argv)
        if argv[3:4] == ["validate"]:
            help_knows_options(argv)
            argv[4] = "data/services.geojson"  # the README's file is the user's own; ours is the bundled layer
        if argv[3:4] == ["restore"]:
            argv[4] = run(["python", "-m", "geo", "backups"]).stdout.split()[0]
        result = run(argv)
        assert result.returncode == 0, f"{command.text}: {result.stdout}\n{result.stderr}"
        ran.append(" ".join(argv[2:4]).strip())
        if argv[3:4] == ["validate"]:
            assert "검증: 문제 없음" in result.stdout
        if argv[2] == "geo.health":
            assert '"status": "ok"' in result.stdout  # the store made by init and the backup made above
    assert ran == ["geo validate", "geo init", "geo layers", "geo backup", "geo backups", "geo restore", "geo.health"]
