"""Command line entry: parse arguments, run one command, map domain errors to a message and an exit code.

Exit codes: 0 success; 1 the command ran but found problems (e.g. rejected rows); 2 bad input or unusable file.
"""
from __future__ import annotations

import argparse
import logging
import sys

from ..errors import LantaiError
from ..logs import configure_logging
from . import admin, applications, appointments, catalogue, certificates, citizens, dialogue, search

log = logging.getLogger("lantai.cli")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m core", description="兰台 Lantai：县档案馆查档服务的命令行工具")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    admin.register(sub)
    catalogue.register(sub)
    search.register(sub)
    applications.register(sub)
    appointments.register(sub)
    certificates.register(sub)
    dialogue.register(sub)
    citizens.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one CLI command and return its exit code."""
    configure_logging(logging.WARNING)
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args) or 0
    except LantaiError as e:
        print(f"错误：{e.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断。已写入的批次保留，可再次运行同一命令继续。", file=sys.stderr)
        return 130
