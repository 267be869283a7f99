"""What a team meets in its first week with the tool (issue 58, "Operations"): the review
page named after the course, ... Each on content shaped like a real course, through the CLI,
with the fault-injecting provider (no model)."""

from __future__ import annotations

import pytest

from tests.support import fault_provider
from tests.support.project import Project

TEXTS = ["山を見ます。", "川を見ます。"]


@pytest.fixture
def course(project: Project, fault: None) -> Project:
    """HSK-Master's shape: the config at the repository's root, the content deep inside."""
    fault_provider.write_grammar(project / "prisma/hsk_vocab_exports", TEXTS)
    return project.config('data_dir = "prisma/hsk_vocab_exports"\nprovider = "fault"\n')


def test_the_review_page_is_named_after_the_course_not_the_data_folders_parent(
    course: Project,
) -> None:
    code, out = course.invoke("generate")
    assert code == 0, out
    code, out = course.invoke("review")
    assert code == 0, out
    page = (course / "public/audio/review.html").read_text(encoding="utf-8")
    assert f"<title>Review: {course.name}</title>" in page  # the folder of its config
    assert "Review: prisma" not in page
