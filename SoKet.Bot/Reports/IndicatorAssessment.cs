using SoKet.Bot.Text;

namespace SoKet.Bot.Reports;

/// <summary>How an indicator row compares with the resolution's target.</summary>
public enum IndicatorVerdict
{
    /// <summary>No target, or neither a result nor a full-year estimate: "Chưa đủ số liệu".</summary>
    NotEnoughData,

    /// <summary>Exactly on target: "Đạt".</summary>
    Met,

    /// <summary>Strictly better than the target: "Vượt".</summary>
    Exceeded,

    /// <summary>Worse than the target: "Không đạt".</summary>
    Missed,
}

/// <summary>Which figure of the row the verdict is based on.</summary>
public enum AchievementBasis
{
    None,
    ResultSoFar,
    FullYearEstimate,
}

/// <summary>
/// The achievement of one row of the indicator table (phụ lục so sánh kết quả thực hiện với chỉ tiêu nghị quyết).
///
/// Rules, so the table card, the drafter and the grounding checker all say the same thing:
/// <list type="bullet">
/// <item>Basis: the full-year estimate (dự ước cả năm) when the unit gave one, else the result so far. The plans ask
/// for both ("đến tháng 6/2023; dự ước thực hiện cả năm 2023") and the estimate is the later, fuller figure.</item>
/// <item>Verdict by plain comparison of the basis with the target, not by the rounded percentage: strictly better
/// than the target is "Vượt", equal is "Đạt", worse is "Không đạt". "Better" means higher, or lower for a row marked
/// lower-is-better (tỷ lệ hộ nghèo, số vụ vi phạm). There is no tolerance band: a Party report must not call 99,6%
/// "đạt" ("không bệnh thành tích").</item>
/// <item>Achievement %: basis ÷ target × 100, or target ÷ basis × 100 when lower is better; only defined when both
/// are positive (a zero or negative target, or a negative result, has no meaningful ratio; the verdict still stands).
/// Rounded to one decimal towards 100 — down when missed, up when exceeded — so the figure never contradicts the
/// verdict (a miss of 99,96% shows "99,9%", never "100%").</item>
/// </list>
/// </summary>
public sealed record IndicatorAssessment(IndicatorVerdict Verdict, decimal? AchievementPercent, AchievementBasis Basis, decimal? BasisValue)
{
    /// <summary>The verdict as the table shows it: "Đạt", "Vượt", "Không đạt", "Chưa đủ số liệu".</summary>
    public string VerdictLabel => Label(Verdict);

    /// <summary>"95,5%", or null when no ratio is defined.</summary>
    public string? AchievementText => AchievementPercent is { } percent ? VietnameseNumbers.FormatPercent(percent) : null;

    public static string Label(IndicatorVerdict verdict) => verdict switch
    {
        IndicatorVerdict.Met => "Đạt",
        IndicatorVerdict.Exceeded => "Vượt",
        IndicatorVerdict.Missed => "Không đạt",
        _ => "Chưa đủ số liệu",
    };

    public static IndicatorAssessment Assess(decimal? target, decimal? resultSoFar, decimal? fullYearEstimate, bool lowerIsBetter)
    {
        var (basis, value) = fullYearEstimate is { } estimate
            ? (AchievementBasis.FullYearEstimate, estimate)
            : resultSoFar is { } result ? (AchievementBasis.ResultSoFar, result) : (AchievementBasis.None, 0m);

        if (target is not { } goal || basis == AchievementBasis.None)
            return new IndicatorAssessment(IndicatorVerdict.NotEnoughData, null, basis, basis == AchievementBasis.None ? null : value);

        var comparison = lowerIsBetter ? goal.CompareTo(value) : value.CompareTo(goal);
        var verdict = comparison switch
        {
            > 0 => IndicatorVerdict.Exceeded,
            0 => IndicatorVerdict.Met,
            _ => IndicatorVerdict.Missed,
        };

        return new IndicatorAssessment(verdict, Percent(goal, value, lowerIsBetter, verdict), basis, value);
    }

    private static decimal? Percent(decimal target, decimal value, bool lowerIsBetter, IndicatorVerdict verdict)
    {
        if (target <= 0 || value < 0 || (lowerIsBetter && value == 0))
            return null;

        var ratio = lowerIsBetter ? target / value * 100m : value / target * 100m;
        return verdict switch
        {
            IndicatorVerdict.Met => 100m,
            IndicatorVerdict.Missed => Math.Floor(ratio * 10m) / 10m,
            _ => Math.Ceiling(ratio * 10m) / 10m,
        };
    }
}
