"""coursekit: quizzes, checklists and progress for the Touch & Neuropathy course."""

__version__ = "0.1.0"


def quiz(part: str):
    """The quiz of one part of the course (``exercises/<part>-quiz.yml``)."""
    from .display import Quiz

    return Quiz.for_part(part)


def check_yourself(part: str, chapter: str):
    """A chapter's Check yourself: 2 to 4 questions of the part's bank tagged with the chapter."""
    from .display import CheckYourself

    return CheckYourself.for_chapter(part, chapter)


def checklist(part: str, checklist_id: str):
    """One checklist of a part (``exercises/<part>-checklists.yml``)."""
    from .display import Checklist

    return Checklist.for_part(part, checklist_id)


def case(part: str, case_id: str):
    """One branching case study of a part (``exercises/<part>-cases.yml``)."""
    from .display import Case

    return Case.for_part(part, case_id)


def exercise(part: str, exercise_id: str):
    """One open exercise with a model answer (``exercises/<part>-exercises.yml``)."""
    from .display import Exercise

    return Exercise.for_part(part, exercise_id)


def progress_overview():
    """The "My progress" page of the HTML book: totals per part, counted in the browser."""
    from .overview import ProgressOverview

    return ProgressOverview()


def review():
    """The Review page: spaced retrieval of every question answered so far, in the browser."""
    from .review import Review

    return Review()


def progress_summary(path=None):
    """Live Jupyter: your progress file per part, as a bar chart and a table."""
    from .overview import ProgressSummary
    from .progress import ProgressStore

    return ProgressSummary(ProgressStore(path) if path else None).show()
