"""A text's language resolved once (`languages.Lang`): one object per code, what every
stage past the loader asks instead of looking the code up again."""

from __future__ import annotations

import copy
import pickle

from tts_assets.languages import LANGUAGES, resolved


def test_a_code_resolves_to_one_object_that_keeps_the_code_as_written() -> None:
    us = resolved("en-US")
    assert us is resolved("en-US") and us is not resolved("en")
    assert (us.code, us.base, us.profile) == ("en-US", "en", LANGUAGES["en"])
    assert str(us) == "en-US" and f"{us}" == "en-US" and us.title == "English"
    assert resolved("zh_TW").profile is LANGUAGES["zh"] and resolved("cmn").base == "zh"


def test_a_language_not_known_has_no_profile_and_is_named_by_its_title_or_code() -> None:
    hindi = resolved("hi")
    assert hindi.profile is None and hindi.base == "hi" and hindi.title == "Hindi"
    assert resolved("xx").title == "xx"


def test_a_copy_or_a_pickled_one_is_the_same_object() -> None:
    ja = resolved("ja")
    assert pickle.loads(pickle.dumps(ja)) is ja
    assert copy.copy(ja) is ja and copy.deepcopy(ja) is ja
    assert {ja: 1}[resolved("ja")] == 1
