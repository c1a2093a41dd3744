namespace SoKet.Bot.Campaigns.Demo;

/// <summary>
/// Section "Demo" (set by `dotnet run --project SoKet.Bot -- --demo`): a campaign built from the Lai
/// Châu plan and a handful of units, with every web chat user made a member of one of them, so a
/// newcomer can try each flow at once.
/// </summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }

    /// <summary>The demo unit web chat users join when they first talk to the bot.</summary>
    public string MemberUnitName { get; set; } = "Chi bộ Phòng Tài chính - Kế hoạch thành phố";
}
