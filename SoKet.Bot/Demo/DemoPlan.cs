using System.Globalization;
using SoKet.Bot.Campaigns.Import;

namespace SoKet.Bot.Demo;

/// <summary>
/// The Lai Châu plan (Kế hoạch 125-KH/ThU, shipped inside the app) with its dates moved to a <see cref="DemoTimeline"/>.
/// The text itself is rewritten, not the campaign after import: the real importer then reads the demo's dates, and
/// every date the bot quotes from the plan (a deadline's source sentence, the period) agrees with the ones it computes.
/// </summary>
public static class DemoPlan
{
    /// <summary>The plan as shipped, with its 2023 dates.</summary>
    public const string ResourceFileName = "ke-hoach-125-KH-ThU-lai-chau-2023.txt";

    /// <summary>The demo campaign's source file name: with <see cref="Campaigns.Demo.DemoOptions.Actor"/>, how a demo campaign is recognised.</summary>
    public const string FileName = "ke-hoach-125-KH-ThU-lai-chau-demo.txt";

    private const string Resource = "SoKet.Bot.Demo." + ResourceFileName;

    /// <summary>The source file names demo campaigns were created with, this version's and the 2023 one before it.</summary>
    public static IReadOnlyList<string> FileNames { get; } = [FileName, ResourceFileName];

    /// <summary>The plan's text with each of its dates replaced by the timeline's.</summary>
    /// <exception cref="InvalidOperationException">The shipped plan no longer has the dates this rewrite expects.</exception>
    public static PlanText Read(DemoTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var shipped = ReadShipped();
        var year = Year(timeline.ReportDeadline.Year);
        var text = shipped.Text;
        // Each date as the plan writes it, and how many times it must be found: a plan edited without this
        // rewrite would otherwise keep a 2023 date silently.
        text = Replace(text, "ngày 21 tháng 3 năm 2023", 1, $"ngày {D(timeline.Issued.Day)} tháng {D(timeline.Issued.Month)} năm {Year(timeline.Issued.Year)}");
        text = Replace(text, "ngày 27/02/2023", 1, "ngày " + timeline.ProvincialPlan.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        text = Replace(text, "đến tháng 6/2023; dự ước thực hiện cả năm 2023", 1,
            $"đến tháng {D(timeline.ReportDeadline.Month)}/{year}; dự ước thực hiện cả năm {year}");
        text = Replace(text, "6 tháng đầu năm 2023", 2, "6 tháng đầu năm " + year);
        text = Replace(text, "trước ngày 30/6/2023", 1, "trước ngày " + Short(timeline.ReportDeadline));
        text = Replace(text, "trước ngày 30/7/2023", 1, "trước ngày " + Short(timeline.CityConference));
        text = Replace(text, "trước ngày 25/6/2023", 3, "trước ngày " + Short(timeline.EarlyReportDeadline));
        return new PlanText(FileName, shipped.Format, text);
    }

    private static PlanText ReadShipped()
    {
        using var stream = typeof(DemoPlan).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Embedded resource {Resource} is missing from the build.");
        return new PlanTextReader().Read(stream, ResourceFileName);
    }

    private static string Replace(string text, string written, int expected, string replacement)
    {
        var found = 0;
        for (var at = text.IndexOf(written, StringComparison.Ordinal); at >= 0; at = text.IndexOf(written, at + written.Length, StringComparison.Ordinal))
            found++;
        if (found != expected)
            throw new InvalidOperationException($"The demo plan should contain \"{written}\" {expected} time(s), found {found}; update {nameof(DemoPlan)}.");
        return text.Replace(written, replacement, StringComparison.Ordinal);
    }

    // As the plan writes them: day and month without a leading zero ("30/6/2023").
    private static string Short(DateOnly date) => $"{D(date.Day)}/{D(date.Month)}/{Year(date.Year)}";

    private static string D(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Year(int value) => value.ToString(CultureInfo.InvariantCulture);
}
