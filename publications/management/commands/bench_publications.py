"""Prints how long the publication pipeline takes for a generated report: check, read, analyse, locate."""

import io
import time

from django.core.management.base import BaseCommand

from publications.extraction import extract_pages
from publications.file_checks import check_file
from publications.sample_pdf import make_pdf
from publications.searching import _group_matches, page_tokens

PARAGRAPH = (
    "Professionals in het sociaal domein leren van elkaar in intervisie en casuistiekbespreking. "
    "Het wijkteam bespreekt elke maand een casus uit de wijk, met de inwoner aan de keukentafel. "
    "Leidinggevenden faciliteren zelfsturende teams die werken vanuit de bedoeling."
)


class Command(BaseCommand):
    help = "Meet controle, tekst lezen, analyse en paginazoeken voor een gegenereerd rapport."

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=200)

    def handle(self, *args, pages=200, **options):
        from search.analysis import build_plan

        content = [(f"Hoofdstuk {n}", [PARAGRAPH] * 4) for n in range(1, pages + 1)]
        content[pages // 2] = ("Midden", [PARAGRAPH, "Het zeldzame woord is wijkleeratelier."])
        data = make_pdf(content, title="Benchmark")
        self.stdout.write(f"PDF: {pages} pagina's, {len(data) / 1024:.0f} KB")

        check_file(io.BytesIO(make_pdf(["Opwarmen."])), "warm.pdf")  # imports pypdf once
        started = time.perf_counter()
        check_file(io.BytesIO(data), "benchmark.pdf", max_bytes=len(data) + 1)
        self.stdout.write(f"check_file:      {1000 * (time.perf_counter() - started):8.1f} ms")

        started = time.perf_counter()
        texts = extract_pages(io.BytesIO(data), "pdf")
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"tekst lezen:     {1000 * elapsed:8.1f} ms ({1000 * elapsed / len(texts):.1f} ms/pagina)"
        )

        started = time.perf_counter()
        tokens = page_tokens(texts)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"analyseren:      {1000 * elapsed:8.1f} ms ({1000 * elapsed / len(texts):.1f} ms/pagina)"
        )

        plan = build_plan("wijkleeratelier", "nl")
        started = time.perf_counter()
        rounds = 20
        for _ in range(rounds):
            found = [
                n
                for n, page in enumerate(tokens, 1)
                if all(_group_matches(g, set(page)) for g in plan.groups)
            ]
        elapsed = (time.perf_counter() - started) / rounds
        self.stdout.write(f"pagina zoeken:   {1000 * elapsed:8.1f} ms per zoekvraag (p. {found})")
