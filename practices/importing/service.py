"""One call for the whole import: read, check every row, and only then write (or stop at a dry run)."""

from dataclasses import dataclass, field

from practices.importing.reader import read_rows
from practices.importing.validate import Validator
from practices.importing.writer import Summary, write


@dataclass
class ImportResult:
    rows: int = 0
    problems: list = field(default_factory=list)
    summary: Summary | None = None  # None when nothing was written (problems, or a dry run)
    new_terms: list = field(default_factory=list)


def import_file(
    path,
    *,
    create_missing_terms=False,
    dry_run=False,
    publish=False,
    user=None,
    progress=None,
    skip_existing=False,
):
    """Import practices from `path`; raises reader.FileProblem if the file cannot be read at all.

    `progress`, if given, is called with (practices just written, total). `skip_existing` leaves
    pages that exist already alone (the demo loader must not overwrite editors' changes).
    """
    rows, problems = read_rows(path)
    validator = Validator(create_missing_terms=create_missing_terms)
    plans, more = validator.validate(rows)
    result = ImportResult(
        rows=len(rows),
        problems=sorted(problems + more, key=lambda problem: problem.line),
        new_terms=[new.name for new in validator.terms.new_terms.values()],
    )
    if result.problems or dry_run:
        return result
    skipped = 0
    if skip_existing:
        skipped = sum(1 for plan in plans if plan.existing_id)
        plans = [plan for plan in plans if not plan.existing_id]

    def advance(count):
        progress(count, len(plans))

    result.summary = write(
        plans, validator.terms, publish=publish, user=user, progress=advance if progress else None
    )
    result.summary.unchanged += skipped
    return result
