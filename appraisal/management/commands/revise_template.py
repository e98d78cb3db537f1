import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from appraisal.errors import AppraisalError
from appraisal.models import InspectionTemplate
from appraisal.services import revise_template


class Command(BaseCommand):
    help = (
        "Revise an inspection template: copy its current version to the next one (cases already "
        "started keep theirs), optionally with a new grading rule."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="The template's code, e.g. phone.")
        parser.add_argument("--grading-rule", help="JSON file with the new version's grading rule.")

    def handle(self, *args, code, grading_rule, **options):
        template = InspectionTemplate.objects.filter(code=code, is_current=True).first()
        if template is None:
            known = ", ".join(
                InspectionTemplate.objects.filter(is_current=True).values_list("code", flat=True)
            )
            raise CommandError(f"No current template with code {code!r} (known: {known}).")
        changes = {}
        if grading_rule:
            try:
                changes["grading_rule"] = json.loads(Path(grading_rule).read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise CommandError(f"Cannot read the grading rule: {exc}") from None
            if not isinstance(changes["grading_rule"], dict) or "kind" not in changes["grading_rule"]:
                raise CommandError("The grading rule must be a JSON object with a 'kind'.")
        try:
            revised = revise_template(template, changes=changes)
        except AppraisalError as exc:
            raise CommandError(str(exc.message)) from None
        self.stdout.write(
            f"{code}: version {template.version} → {revised.version} "
            f"({revised.items.count()} checks); new cases use version {revised.version}."
        )
