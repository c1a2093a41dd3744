namespace SoKet.Bot.Campaigns.Demo;

/// <summary>
/// Section "Demo" (set by `dotnet run --project SoKet.Bot -- --demo`, or `--demo-reset`): a live campaign built
/// from the Lai Châu plan with its dates moved relative to today, a handful of units in every state, and every
/// web chat user made a member of one of them, so a newcomer can try each flow at once. The demo itself lives in
/// SoKet.Bot/Demo; what Campaigns needs to know of it (who joins where, how a demo campaign is recognised) is here.
/// </summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Recorded as the demo campaign's creator and the demo units' importer; with the plan's file name, how the demo campaign is recognised.</summary>
    public const string Actor = "demo";

    public bool Enabled { get; set; }

    /// <summary>Delete the demo campaign (and only what the demo created) on start, then seed it anew.</summary>
    public bool Reset { get; set; }

    /// <summary>The demo unit web chat users join when they first talk to the bot.</summary>
    public string MemberUnitName { get; set; } = "Chi bộ Phòng Tài chính - Kế hoạch thành phố";
}
