"""Keeps .ci/constraints.txt, the exact versions `make` installs, in step with pyproject.toml.

    python .ci/lock.py ensure   # re-resolve only if pyproject.toml's dependencies changed
    python .ci/lock.py refresh  # re-resolve now: the newest versions the ranges allow

A resolve installs the project with its dev extra into a throw-away virtualenv and writes
what pip chose. The file's first lines carry a hash of the dependency lists it was made
from, so a changed pyproject.toml is noticed whatever the files' timestamps say (a fresh
clone gives every file the same age).
"""

import hashlib
import json
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / ".ci" / "constraints.txt"
MARK = "# pyproject dependencies: "


def dependencies_hash() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lists = {"": project["dependencies"], **project.get("optional-dependencies", {})}
    text = json.dumps(lists, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def locked_hash() -> str | None:
    if not LOCK.exists():
        return None
    for line in LOCK.read_text().splitlines():
        if line.startswith(MARK):
            return line.removeprefix(MARK).strip()
    return None


def resolve() -> None:
    with tempfile.TemporaryDirectory(prefix="mystery-audit-lock-") as folder:
        python = Path(folder) / "bin" / "python"
        subprocess.run([sys.executable, "-m", "venv", folder], check=True)  # noqa: S603
        pip = [str(python), "-m", "pip", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)  # noqa: S603
        subprocess.run([*pip, "install", "-e", f"{ROOT}[dev]"], check=True)  # noqa: S603
        frozen = subprocess.run(  # noqa: S603
            [*pip, "freeze", "--exclude-editable"], check=True, capture_output=True, text=True
        ).stdout
    header = [
        "# The exact versions `make` installs (pip -c): what a fresh install of pyproject.toml",
        "# with its dev extra resolved. `make lock` re-resolves to the newest versions the",
        "# declared ranges allow; `make` does it by itself when the dependency lists change.",
        f"{MARK}{dependencies_hash()}",
    ]
    LOCK.write_text("\n".join(header) + "\n" + frozen)
    print(f"{LOCK.relative_to(ROOT)}: {len(frozen.splitlines())} pins written")


def main(command: str) -> int:
    if command == "refresh" or (command == "ensure" and locked_hash() != dependencies_hash()):
        resolve()
    elif command != "ensure":
        print(f"usage: {sys.argv[0]} ensure|refresh", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ""))
