"""`kvalitet bench generate --scale tiny|small|national` and `kvalitet bench run`."""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Generate a benchmark data set, or measure every budget of DESIGN.md §4 against it."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        generate = commands.add_parser("generate", help="Fill the database with generated data.")
        generate.add_argument("--scale", choices=["tiny", "small", "national"], default="tiny")
        generate.add_argument("--seed", type=int, default=1)
        generate.add_argument("--no-progress", action="store_true")

        run = commands.add_parser("run", help="Measure the budgets on the generated data set.")
        run.add_argument(
            "--compare-database",
            default="",
            help="DATABASE_URL of a second, smaller data set: query counts per page must match.",
        )
        run.add_argument("--duration", type=int, default=10, help="Seconds per wrk run.")
        run.add_argument(
            "--people-seconds", type=int, default=120, help="Seconds of the 20 people's run."
        )
        run.add_argument("--form-seconds", type=int, default=60)
        run.add_argument("--form-rate", type=int, default=200)
        run.add_argument("--workers", type=int, default=0, help="gunicorn workers (0: cores).")
        run.add_argument("--search-repeats", type=int, default=5)
        run.add_argument("--pdf-timeout", type=int, default=120, help="Seconds to wait for a PDF.")
        run.add_argument("--strict", action="store_true", help="Fail when a budget is missed.")
        run.add_argument("--output", default="bench/results")
        run.add_argument("--label", default="", help="Name of the result file (default: time).")

        queries = commands.add_parser("queries", help="Only count SQL queries per page (JSON).")
        queries.add_argument("--output", default="-")

    def handle(self, *args, action, **options):
        if action == "generate":
            from kvalitet.bench.generate import generate

            try:
                summary = generate(
                    scale=options["scale"],
                    seed=options["seed"],
                    progress=not options["no_progress"],
                    stream=self.stderr._out,
                )
            except ValueError as error:
                raise CommandError(str(error)) from None
            for label, count in summary.counts.items():
                self.stdout.write(f"  {label:<32} {count:>12,}")
            self.stdout.write(
                self.style.SUCCESS(
                    f"Generated the {summary.scale} data set (seed {summary.seed}) "
                    f"in {summary.seconds:.1f} s."
                )
            )
        elif action == "queries":
            import json
            import sys

            from kvalitet.bench.queries import count_queries

            result = json.dumps(count_queries(), indent=2, ensure_ascii=False)
            if options["output"] == "-":
                sys.stdout.write(result + "\n")
            else:
                with open(options["output"], "w", encoding="utf-8") as out:
                    out.write(result)
        else:
            from kvalitet.bench.run import run

            try:
                code = run(options, stdout=self.stdout)
            except LookupError as error:  # no generated data set here
                raise CommandError(str(error)) from None
            if code:
                raise CommandError("the benchmark failed or missed a budget (see above)")
