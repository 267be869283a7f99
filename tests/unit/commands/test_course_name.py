"""A course's name where nothing names it (a review page's title): the folder of its
config, not the parent of a data dir deep inside it (HSK-Master's shape, the config at
the repository's root and the content in `prisma/hsk_vocab_exports`)."""

from __future__ import annotations

from tests.support import fault_provider
from tests.support.project import Project
from tts_assets.commands.review import write_page
from tts_assets.settings.load import load_settings


def test_the_review_page_is_named_after_the_course_not_the_data_folders_parent(
    project: Project, fault: None
) -> None:
    fault_provider.write_grammar(project / "prisma/hsk_vocab_exports", ["山を見ます。"])
    project.config('data_dir = "prisma/hsk_vocab_exports"\nprovider = "fault"\n')
    page = write_page(load_settings(".")).path.read_text(encoding="utf-8")
    assert f"<title>Review: {project.name}</title>" in page  # the folder of its config
    assert "Review: prisma" not in page
