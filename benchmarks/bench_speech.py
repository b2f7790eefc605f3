"""Offline speech engines for the kiosk's 읽어 주기: synthesis time, audio length and size, installed size.

Each installed candidate speaks one kiosk screen's text (Korean and English, the overview as the screen
reads it) to a WAV file; the time is the best of ``--repeat`` runs. Candidates are the Debian packages that
speak without a network: eSpeak NG (Korean and English voices), Flite and Festival (English only).
A candidate not installed is listed as such (``apt-get install espeak-ng flite festival`` to compare all).
The WAV files are kept in ``--out`` so a person can listen to them.

Usage: ``python benchmarks/bench_speech.py [--repeat 3] [--out /tmp/speech-bench]``
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SAMPLE = {
    "ko": (
        "안산시 스마트도시계획.\n국토교통부 승인. 목표: 데이터, 환경, 산업의 도시 문제 해결.\n"
        "산업 혁신을 주도하는 첨단 스마트도시.\n보도된 사업 모두 12건. 지금 이용할 수 있어요 5건.\n"
        "신길2 공공주택지구, 여기서 약 2.3 킬로미터."
    ),
    "en": (
        "Ansan Smart City Plan.\nApproved by the Ministry of Land, Infrastructure and Transport.\n"
        "A cutting-edge smart city leading industrial innovation.\nReported projects in all: 12. In service now: 5.\n"
        "Singil-2 new town, about 2.3 kilometres from here."
    ),
}

# (name, Debian packages, licence, languages, command building a WAV at the path from text on stdin)
CANDIDATES: list[tuple[str, tuple[str, ...], str, dict[str, list[str]]]] = [
    (
        "espeak-ng",
        ("espeak-ng", "espeak-ng-data", "libespeak-ng1"),
        "GPL-3.0-or-later",
        {
            "ko": ["espeak-ng", "-v", "ko", "-s", "150", "-b", "1", "--stdin", "-w", "{out}"],
            "en": ["espeak-ng", "-v", "en-gb", "-s", "150", "-b", "1", "--stdin", "-w", "{out}"],
        },
    ),
    ("flite", ("flite", "libflite1"), "BSD-style (CMU); GPL-2 parts", {"en": ["flite", "-o", "{out}"]}),
    (
        "festival",
        ("festival", "festvox-kallpc16k", "festlex-cmu", "festlex-poslex"),
        "X11-style (Edinburgh, CMU)",
        {"en": ["text2wave", "-o", "{out}"]},
    ),
]


def installed_kib(packages: tuple[str, ...]) -> int | None:
    total = 0
    for package in packages:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Installed-Size}", package], capture_output=True, text=True, check=False
        )
        if result.returncode != 0 or not result.stdout.strip():
            return None
        total += int(result.stdout)
    return total


def measure(command: list[str], text: str, out: Path, repeat: int) -> tuple[float, float, int]:
    """Best synthesis time (s), audio length (s) and WAV size (bytes)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([part.format(out=out) for part in command], input=text.encode(), check=True, capture_output=True)
        best = min(best, time.perf_counter() - started)
    with wave.open(str(out)) as audio:
        seconds = audio.getnframes() / audio.getframerate()
    return best, seconds, out.stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("/tmp/speech-bench"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    print("engine\tlang\tinstalled MiB\tlicence\tsynthesis s\taudio s\tWAV KiB\tfile")
    for name, packages, licence, commands in CANDIDATES:
        size = installed_kib(packages)
        if size is None or shutil.which(commands[next(iter(commands))][0]) is None:
            print(f"{name}\t-\tnot installed\t{licence}\t-\t-\t-\t-")
            continue
        for lang in ("ko", "en"):
            if lang not in commands:
                print(f"{name}\t{lang}\t{size / 1024:.1f}\t{licence}\tno {lang} voice\t-\t-\t-")
                continue
            out = args.out / f"{name}-{lang}.wav"
            spent, seconds, size_b = measure(commands[lang], SAMPLE[lang], out, args.repeat)
            print(
                f"{name}\t{lang}\t{size / 1024:.1f}\t{licence}\t{spent:.3f}\t{seconds:.1f}\t{size_b / 1024:.0f}\t{out}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
