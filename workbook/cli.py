"""The `workbook` command: serve the site, run the supervisor dashboard, validate content."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from workbook import config

DESCRIPTION = """\
Social media and client confidentiality: a training workbook for therapists in training.

  workbook serve       start the trainee site and the supervisor dashboard
  workbook supervise   start only the supervisor dashboard
  workbook validate    check question banks, vignettes and the course outline
  workbook verify      check a certificate's verification code
  workbook export      write answers and item statistics as CSV or Excel
  workbook demo        add a fictional demo cohort, to try the dashboard before a workshop
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workbook", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_data_dir(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--data-dir", type=Path, metavar="DIR",
                         help=f"private folder for the answer database and the site's keys (default: "
                              f"${config.DATA_DIR_ENV} or {config.data_dir()})")
        sub.add_argument("--database-url", metavar="URL",
                         help="keep answers in this database instead of the data folder's SQLite file, e.g. "
                              f"postgresql://workbook@db.example/workbook (default: ${config.DATABASE_URL_ENV})")

    serve = commands.add_parser("serve", help="start the trainee site and the supervisor dashboard",
                                description="Start the training site (Voila) and, unless --no-dashboard, the "
                                            "token-protected supervisor dashboard on this machine. Ctrl-C stops both.")
    with_data_dir(serve)
    serve.add_argument("--host", default="127.0.0.1",
                       help="address trainees connect to; use 0.0.0.0 to admit other machines in a workshop room "
                            "(default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8866, help="trainee site port (default: 8866)")
    serve.add_argument("--dashboard-port", type=int, default=8867, help="supervisor dashboard port (default: 8867)")
    serve.add_argument("--token", help="supervisor token (default: $WORKBOOK_SUPERVISOR_TOKEN or a new random one)")
    serve.add_argument("--no-dashboard", action="store_true", help="start only the trainee site")
    serve.add_argument("--preheat", type=int, default=0, metavar="N",
                       help="keep N kernels started and ready for every course page: a lone visitor's page opens about "
                            "twice as fast, but under a workshop's load on a small machine it is much slower "
                            "(see benchmarks/); each costs about 150 MiB (default: 0, a kernel per page view)")

    supervise = commands.add_parser("supervise", help="start only the supervisor dashboard",
                                    description="Start the supervisor dashboard, bound to localhost and protected by a token.")
    with_data_dir(supervise)
    supervise.add_argument("--port", type=int, default=8867, help="dashboard port (default: 8867)")
    supervise.add_argument("--token", help="supervisor token (default: $WORKBOOK_SUPERVISOR_TOKEN or a new random one)")

    validate = commands.add_parser("validate", help="check content files and list every problem",
                                   description="Check question banks, vignettes, the course outline and citations. "
                                               "Prints one line per problem (file, item, field) and exits 1 if any.")
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                          help="files or folders to check (default: the whole course)")
    verify = commands.add_parser("verify", help="check a certificate's verification code",
                                 description="Say whether a certificate's verification code was issued by this site, "
                                             "and show the details it certifies. Exits 1 if it was not.")
    with_data_dir(verify)
    verify.add_argument("code", help="the code printed on the certificate, e.g. ABCD-EFGH-JKLM-NPQR")
    export = commands.add_parser("export", help="write answers and item statistics as CSV or Excel",
                                 description="Export the answer store for supervisors: an 'answers' table and an "
                                             "'item_statistics' table, as CSV files in a folder or one Excel workbook.")
    with_data_dir(export)
    export.add_argument("target", type=Path, help="a folder (csv) or a .xlsx file (xlsx)")
    export.add_argument("--format", choices=["csv", "xlsx"], default="csv", help="default: csv")
    export.add_argument("--cohort", help="only this cohort's answers")
    export.add_argument("--anonymise", action="store_true",
                        help="replace trainee ids and names by stable pseudonyms (the same in every export)")
    demo = commands.add_parser("demo", help="add a fictional demo cohort to try the dashboard",
                               description="Add a cohort of fictional trainees ('Demo trainee 01' ...) with simulated "
                                           "answers, so the dashboard's report, item statistics and live view have "
                                           "something to show. Use a separate --data-dir, not a real cohort's.")
    with_data_dir(demo)
    demo.add_argument("--trainees", type=int, default=12, help="how many fictional trainees (default: 12)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "validate":
        return _validate(args.paths)
    data_dir = args.data_dir.expanduser().resolve() if args.data_dir else config.data_dir()
    database_url = args.database_url or os.environ.get(config.DATABASE_URL_ENV) or None
    if args.command == "export":
        return _export(args, data_dir, database_url)
    if args.command == "demo":
        return _demo(data_dir, database_url, args.trainees)
    if args.command == "verify":
        return _verify(args.code, data_dir, database_url)
    from workbook import site  # imported late: only serving needs Voila's machinery

    if args.command == "serve":
        return site.serve(data_dir=data_dir, host=args.host, port=args.port, dashboard_port=args.dashboard_port,
                          token=args.token, dashboard=not args.no_dashboard, database_url=database_url,
                          preheat=args.preheat)
    return site.supervise(data_dir=data_dir, port=args.port, token=args.token, database_url=database_url)


def _existing_store(data_dir: Path, database_url: str | None) -> str | Path | None:
    """Where the site's answers are; None (after saying so) when there is no SQLite file to read."""
    if database_url:
        return database_url
    if not (data_dir / config.DATABASE_FILE).exists():
        print(f"No answer store in {data_dir}: use --data-dir to point at the site's data folder.", file=sys.stderr)
        return None
    return data_dir / config.DATABASE_FILE


def _validate(paths: list[Path]) -> int:
    from workbook.validate import validate_paths

    missing = [p for p in paths if not p.exists()]
    for path in missing:
        print(f"{path}: no such file or folder.", file=sys.stderr)
    problems = validate_paths([p for p in paths if p.exists()]) if not missing or len(missing) < len(paths) else []
    for problem in problems:
        print(problem)
    if problems or missing:
        print(f"{len(problems) + len(missing)} problem(s) found.", file=sys.stderr)
        return 1
    print("No problems found.")
    return 0


def _export(args: argparse.Namespace, data_dir: Path, database_url: str | None) -> int:
    from workbook.errors import StoreUnavailableError
    from workbook.exports import ExportError, report_tables, write
    from workbook.store import AnswerStore

    where = _existing_store(data_dir, database_url)
    if where is None:
        return 1
    try:
        with AnswerStore(where) as store:
            tables = report_tables(store, args.cohort, args.anonymise, data_dir)
        written = write(tables, args.target, args.format)
    except (ExportError, OSError, StoreUnavailableError) as error:
        print(f"Export failed: {error}", file=sys.stderr)
        return 1
    rows = ", ".join(f"{name} {len(table)} row(s)" for name, table in tables.items())
    print(f"Wrote {', '.join(str(p) for p in written)} ({rows}{', anonymised' if args.anonymise else ''}).")
    return 0


def _demo(data_dir: Path, database_url: str | None, trainees: int) -> int:
    from workbook.content import load_content
    from workbook.demo import fill
    from workbook.store import AnswerStore

    if not 1 <= trainees <= 500:
        print("--trainees must be between 1 and 500.", file=sys.stderr)
        return 1
    data_dir.mkdir(parents=True, exist_ok=True)
    with AnswerStore(database_url or data_dir / config.DATABASE_FILE) as store:
        made = fill(store, load_content(), trainees)
    print(f"Added the demo cohort {made.code}: {made.trainees} fictional trainees, {made.answers} answers, in {data_dir}.")
    return 0


def _verify(code: str, data_dir: Path, database_url: str | None) -> int:
    from workbook.certificate import verify
    from workbook.store import AnswerStore

    where = _existing_store(data_dir, database_url)
    if where is None:
        return 1
    with AnswerStore(where) as store:
        found = verify(store, code, data_dir)
    if found is None:
        print(f"{code}: NOT a certificate issued by this site (or its details were changed).")
        return 1
    print(f"{found.code}: genuine. {found.name} completed \"{found.course}\" on {found.issued_on}, "
          f"{found.hours:g} contact hours, final assessment {found.score:.0%}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
