"""The case as a timeline: steps sent on their own dates, the situation at a date, the deadlines
with their legal basis, and the remedies that fit (documents.md, « Timeline and remedies »)."""

from lawdesk.timeline.deadlines import Deadline, referee_from, shown
from lawdesk.timeline.remedies import calendar_problems, fitting, urgency_recorded
from lawdesk.timeline.situation import Situation, Timeline, timeline
from lawdesk.timeline.steps import MODES, Step

__all__ = ["MODES", "Deadline", "Situation", "Step", "Timeline", "calendar_problems", "fitting", "referee_from",
           "shown", "timeline", "urgency_recorded"]
