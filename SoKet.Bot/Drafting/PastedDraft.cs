using SoKet.Bot.Reports;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Drafting;

/// <summary>
/// Typed text in the drafting flow that may be a whole draft rather than one section's text (several lines naming
/// sections of the outline). Implemented by the draft import (Drafting/Import), which depends on drafting, not the
/// other way round: drafting only asks it first.
/// </summary>
public interface IPastedDraftHandler
{
    /// <summary>True when the text was taken (and answered) as a whole draft; false leaves it to the drafting flow.</summary>
    Task<bool> TryTakeAsync(TurnContext turn, ReportView view, CancellationToken cancellationToken);
}
