"""The case as a timeline: steps sent on their own dates, the situation at a date, the deadlines
with their legal basis (documents.md, « Timeline and remedies »). Which document fits which
situation is declared by each document of the registry (`lawdesk.procedures`)."""

from lawdesk.timeline.checks import note, timeline_problems, urgency_problems, urgency_recorded
from lawdesk.timeline.deadlines import Deadline, referee_from, shown
from lawdesk.timeline.situation import Situation, Timeline, timeline
from lawdesk.timeline.steps import MODES, Step

__all__ = ["MODES", "Deadline", "Situation", "Step", "Timeline", "note", "referee_from", "shown", "timeline",
           "timeline_problems", "urgency_problems", "urgency_recorded"]
